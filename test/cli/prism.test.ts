// The four operations of the tool against Prism, an independent mock of the description that
// rejects any request the description does not allow. Runs when the run started Prism
// (test/setup/prism.ts); otherwise skipped.
import { describe, expect, inject, it } from "vitest";
import type { ExportJob, ExportJobList } from "../../src/index.js";
import { EXIT_OK } from "../../src/cli/exit-codes.js";
import { credentialsEnv, runCli, useCliHarness } from "./harness.js";

useCliHarness();

const prismUrl = inject("prismUrl");

describe.skipIf(!prismUrl)("against Prism", () => {
  const env = () => credentialsEnv(prismUrl);

  it("list --json", async () => {
    const { code, stdout, stderr } = await runCli(["list", "--json", "--limit", "2", "--status", "SUCCEEDED"], { env: env() });

    expect(stderr).toBe("");
    expect(code).toBe(EXIT_OK);
    expect(Array.isArray((JSON.parse(stdout) as ExportJobList).records)).toBe(true);
  });

  it("get", async () => {
    const { code, stdout } = await runCli(["get", "11037", "--json"], { env: env() });

    expect(code).toBe(EXIT_OK);
    expect(typeof (JSON.parse(stdout) as ExportJob).id).toBe("number");
  });

  it("create, with every option", async () => {
    const { code, stderr } = await runCli(
      ["create", "--dataset", "5b7c86968f7b6501e21ba9df", "--schema", "_xdm.context.profile", "--segment", "52c26d0d-45f2-47a2-ab30-ed06abc981ff:ups", "--segment-status", "realized,existing", "--fields", "identities.id", "--segment-per-batch", "--merge-policy", "timestampOrdered-none-mp:1", "--from-ingest", "2018-01-01T00:00:00Z", "--empty-profiles", "--profile-instance-id", "ups"],
      { env: env() },
    );

    expect(stderr).toBe("");
    expect(code).toBe(EXIT_OK);
  });

  it("cancel", async () => {
    const { code, stdout } = await runCli(["cancel", "11037"], { env: env() });

    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/^Export job 11037 marked for cancelling \(HTTP (200|204)/);
  });
});
