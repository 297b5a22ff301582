import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ExportJob } from "../../src/index.js";
import { startMockServer, type MockServer } from "../../src/mock/server.js";
import { EXIT_API_ERROR, EXIT_CREATE_UNCERTAIN, EXIT_INTERRUPTED, EXIT_JOB_FAILED, EXIT_OK, EXIT_TIMED_OUT, EXIT_USAGE } from "../../src/cli/exit-codes.js";
import { closeScriptedServers, scriptedServer } from "../support/scripted-server.js";
import { finishedJob, NEWEST_CREATION_TIME } from "./fixtures.js";
import { API_KEY, credentialsEnv, ESC, mockWith, ORG_ID, runCli, startCli, TOKEN, useCliHarness } from "./harness.js";

useCliHarness();

const STEP_MS = 60_000;
let mock: MockServer | undefined;
let clock = NEWEST_CREATION_TIME;
let dir: string | undefined;
afterEach(async () => {
  await Promise.all([mock?.close(), closeScriptedServers()]);
  mock = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A mock on a clock the test moves: jobs stay NEW, then PROCESSING, until the test says otherwise. */
async function mockOnClock(): Promise<Record<string, string>> {
  clock = NEWEST_CREATION_TIME;
  mock = await startMockServer({
    seed: false,
    now: () => clock,
    processingAfterMs: STEP_MS,
    finishAfterMs: STEP_MS,
    credentials: { accessToken: TOKEN, apiKey: API_KEY, orgId: ORG_ID },
  });
  return credentialsEnv(mock.url);
}

async function createDirectly(datasetId: string): Promise<number> {
  const response = await fetch(`${mock!.url}/export/jobs`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "x-api-key": API_KEY, "x-gw-ims-org-id": ORG_ID, "x-sandbox-name": "prod", "content-type": "application/json" },
    body: JSON.stringify({ destination: { datasetId }, schema: { name: "_xdm.context.profile" } }),
  });
  return ((await response.json()) as ExportJob).id;
}

const posts = () => mock!.requests.filter((r) => r.method === "POST");

describe("create", () => {
  it("builds the request from the options", async () => {
    const env = await mockOnClock();

    const { code, stdout } = await runCli(
      [
        "create",
        "--dataset", "5b7c86968f7b6501e21ba9df",
        "--schema", "_xdm.context.profile",
        "--segment", "seg-1",
        "--segment", "seg-2:AAM",
        "--segment-status", "realized,existing",
        "--fields", "identities.id,personalEmail.address",
        "--segment-per-batch",
        "--merge-policy", "timestampOrdered-none-mp:2",
        "--from-ingest", "2024-01-01T00:00:00Z",
        "--empty-profiles",
        "--profile-instance-id", "ups-test",
      ],
      { env },
    );

    expect(code).toBe(EXIT_OK);
    const [job] = mock!.jobsOf(ORG_ID, "prod").all();
    expect(job).toMatchObject({
      destination: { datasetId: "5b7c86968f7b6501e21ba9df", segmentPerBatch: true },
      schema: { name: "_xdm.context.profile" },
      fields: "identities.id,personalEmail.address",
      mergePolicy: { id: "timestampOrdered-none-mp", version: 2 },
      filter: {
        segments: [
          { segmentId: "seg-1", status: ["realized", "existing"] },
          { segmentId: "seg-2", segmentNs: "AAM", status: ["realized", "existing"] },
        ],
        fromIngestTimestamp: "2024-01-01T00:00:00Z",
        emptyProfiles: true,
      },
      profileInstanceId: "ups-test",
    });
    expect(stdout).toMatch(new RegExp(`^Export job ${job!.id}  NEW$`, "m"));
  });

  it("refuses a body that breaks the description before sending it, naming the field, the option and the allowed values", async () => {
    const env = await mockOnClock();

    const { code, stderr } = await runCli(["create", "--dataset", "d", "--schema", "s", "--segment", "seg-1", "--segment-status", "realized,exitted"], { env });

    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain('/filter/segments/0/status/1 must be one of realized, existing, exited (got "exitted") (from --segment-status)');
    expect(mock!.requests).toHaveLength(0);
  });

  it("asks for --dataset and --schema when there is no --body", async () => {
    const env = await mockOnClock();

    const { code, stderr } = await runCli(["create", "--schema", "_xdm.context.profile"], { env });

    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/^error: --dataset is required/);
    expect(mock!.requests).toHaveLength(0);
  });

  it("reads the body from a file, and refuses unknown keys in it", async () => {
    const env = await mockOnClock();
    dir = await mkdtemp(join(tmpdir(), "aep-cli-"));
    const good = join(dir, "good.json");
    const misspelt = join(dir, "misspelt.json");
    await writeFile(good, JSON.stringify({ destination: { datasetId: "from-file" }, schema: { name: "_xdm.context.profile" } }));
    await writeFile(misspelt, JSON.stringify({ destination: { dataSetId: "from-file" }, schema: { name: "_xdm.context.profile" } }));

    const accepted = await runCli(["create", "--body", good, "--json"], { env });
    const refused = await runCli(["create", "--body", misspelt], { env });

    expect(accepted.code).toBe(EXIT_OK);
    expect((JSON.parse(accepted.stdout) as ExportJob).destination?.datasetId).toBe("from-file");
    expect(refused.code).toBe(EXIT_USAGE);
    expect(refused.stderr).toContain("/destination/dataSetId is not allowed here (unknown field)");
    expect(refused.stderr).toContain("/destination/datasetId is required");
    expect(posts()).toHaveLength(1);
  });

  it("reads the body from stdin with --body -", async () => {
    const env = await mockOnClock();

    const { code } = await runCli(["create", "--body", "-"], { env, stdin: JSON.stringify({ destination: { datasetId: "from-stdin" }, schema: { name: "x" } }) });

    expect(code).toBe(EXIT_OK);
    expect(mock!.jobsOf(ORG_ID, "prod").all()[0]!.destination?.datasetId).toBe("from-stdin");
  });

  it("refuses --body together with the options it replaces", async () => {
    const env = await mockOnClock();

    const { code, stderr } = await runCli(["create", "--body", "-", "--dataset", "d"], { env, stdin: "{}" });

    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/--body replaces --dataset/);
  });

  it("--wait follows the new job through NEW and PROCESSING to SUCCEEDED, one line per change when piped", async () => {
    const env = await mockOnClock();
    const cli = startCli(["create", "--dataset", "d", "--schema", "s", "--wait", "--interval", "50ms"], { env });

    await cli.waitFor("stderr", /NEW/);
    clock += STEP_MS;
    await cli.waitFor("stderr", /PROCESSING/);
    clock += STEP_MS;
    const { code, stdout, stderr } = await cli.result;

    expect(code).toBe(EXIT_OK);
    expect(stderr.trimEnd().split("\n").map((l) => l.replace(/ \(.*\)$/, ""))).toEqual([
      "Export job 1 NEW",
      "Export job 1 PROCESSING",
      "Export job 1 SUCCEEDED",
    ]);
    expect(stdout).toMatch(/^Export job 1 SUCCEEDED in 2m 00s · 100 profiles exported$/m);
    expect(stdout).toMatch(/^ {2}Profile export +1m 00s$/m);
  });
});

describe("create without a clear answer", () => {
  const hint = "The job may have been created all the same. Before creating it again, look for it among the newest jobs: aep-export-jobs list";

  it("sends the request once when the connection drops after it was sent, says the job may exist, and exits 5", async () => {
    const dropping = await scriptedServer("reset");

    const { code, stderr } = await runCli(["create", "--dataset", "d", "--schema", "s"], { env: credentialsEnv(dropping.url) });

    expect(code).toBe(EXIT_CREATE_UNCERTAIN);
    expect(dropping.received).toHaveLength(1);
    expect(stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^error: POST \/export\/jobs got no answer: .*it may have been carried out all the same/), hint]);
  });

  it("does not say so when the API could not be reached at all", async () => {
    // A port that was free a moment ago, and on which nothing listens any more.
    const closed = await scriptedServer();
    await closed.close();

    const { code, stderr } = await runCli(["create", "--dataset", "d", "--schema", "s"], { env: credentialsEnv(closed.url) });

    expect(code).toBe(EXIT_API_ERROR);
    expect(stderr).toMatch(/POST \/export\/jobs got no answer/);
    expect(stderr).not.toContain("may have");
  });
});

describe("wait", () => {
  it("exits 3 when the job FAILED, printing its errors", async () => {
    const env = await mockOnClock();
    const id = await createDirectly("fail-on-purpose");
    clock += 2 * STEP_MS;

    const { code, stdout, stderr } = await runCli(["wait", String(id)], { env });

    expect(code).toBe(EXIT_JOB_FAILED);
    expect(stdout).toMatch(new RegExp(`^Export job ${id} FAILED`));
    expect(stderr).toContain(`error: export job ${id} FAILED:\n  0090000009 Error writing profiles to dataset 'fail-on-purpose'`);
  });

  it("--json prints the finished job", async () => {
    const env = await mockOnClock();
    const id = await createDirectly("d");
    clock += 2 * STEP_MS;

    const { code, stdout } = await runCli(["wait", String(id), "--json"], { env });

    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(stdout)).toMatchObject({ id, status: "SUCCEEDED" });
  });

  it("on a terminal, rewrites one status line in place and ends with the metrics", async () => {
    const env = await mockOnClock();
    const id = await createDirectly("d");
    const cli = startCli(["wait", String(id), "--interval", "50ms"], { env, tty: true });

    await cli.waitFor("stderr", /NEW/);
    clock += 2 * STEP_MS;
    const { code, stdout, stderr } = await cli.result;

    expect(code).toBe(EXIT_OK);
    expect(stderr).not.toContain("\n");
    expect(stderr).toContain(`\r${ESC}2K`);
    expect(stderr.endsWith(`\r${ESC}2K`)).toBe(true);
    expect(stdout).toContain(`${ESC}32mSUCCEEDED`);
    expect(stdout).toMatch(/Duration +2m 00s/);
  });

  it("exits 4 on timeout, naming the last status", async () => {
    const env = await mockOnClock();
    const id = await createDirectly("d");
    clock += STEP_MS;

    const { code, stderr } = await runCli(["wait", String(id), "--timeout", "1s", "--interval", "100ms"], { env });

    expect(code).toBe(EXIT_TIMED_OUT);
    expect(stderr).toContain(`error: export job ${id} did not finish within 1s; its last status was PROCESSING`);
  });

  it("stops on Ctrl-C with exit 130, without cancelling the job", async () => {
    const env = await mockOnClock();
    const id = await createDirectly("d");
    const cli = startCli(["wait", String(id), "--interval", "50ms"], { env });

    await cli.waitFor("stderr", /NEW/);
    cli.child.kill("SIGINT");
    const { code, stderr } = await cli.result;

    expect(code).toBe(EXIT_INTERRUPTED);
    expect(stderr).toMatch(/stopped waiting for export job \d+ \(last status NEW\)\. The job was NOT cancelled/);
    expect(mock!.requests.filter((r) => r.method === "DELETE")).toEqual([]);
    expect(mock!.jobsOf(ORG_ID, "prod").get(id)!.status).toBe("NEW");
  });
});

describe("wait with escape sequences from the server", () => {
  const RETITLE = "\u001b]0;pwned\u0007";
  const CLEAR = "\u001b[2J";
  // What a terminal would act on, newlines apart (the tool writes those itself).
  const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it("prints a FAILED job's errors made visible, not acted on", async () => {
    const env = await mockWith({
      jobs: [finishedJob(77, NEWEST_CREATION_TIME, { status: "FAILED", errors: [{ code: CLEAR, msg: `${RETITLE}broken\nerror: forged` }] })],
    });

    const { code, stdout, stderr } = await runCli(["wait", "77"], { env });

    expect(code).toBe(EXIT_JOB_FAILED);
    expect(stdout + stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toContain("error: export job 77 FAILED:\n  \\x1b[2J \\x1b]0;pwned\\x07broken\\x0aerror: forged\n");
  });

  it("names an unknown status made visible, in the progress lines and on timeout", async () => {
    const status = `${CLEAR}PENDING${RETITLE}` as ExportJob["status"];
    const env = await mockWith({ jobs: [finishedJob(78, NEWEST_CREATION_TIME, { status })] });

    const { code, stderr } = await runCli(["wait", "78", "--timeout", "500ms", "--interval", "100ms"], { env });

    expect(code).toBe(EXIT_TIMED_OUT);
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toMatch(/^Export job 78 \\x1b\[2JPENDING\\x1b\]0;pwned\\x07 \(/m);
    expect(stderr).toContain("its last status was \\x1b[2JPENDING\\x1b]0;pwned\\x07. The job goes on");
  });

  it("on a terminal, colours the status line's status made visible, with nothing else left raw", async () => {
    const status = `${CLEAR}PENDING${RETITLE}` as ExportJob["status"];
    const env = await mockWith({ jobs: [finishedJob(79, NEWEST_CREATION_TIME, { status })] });

    const { code, stderr } = await runCli(["wait", "79", "--timeout", "500ms", "--interval", "100ms"], { env, tty: true });

    expect(code).toBe(EXIT_TIMED_OUT);
    expect(stderr).toContain(`Export job 79 ${ESC}36m\\x1b[2JPENDING\\x1b]0;pwned\\x07${ESC}39m · `);
    // Without the tool's own line rewriting and colours, nothing a terminal would act on is left.
    expect(stderr.replaceAll(`\r${ESC}2K`, "").replace(/\u001b\[\d+m/g, "")).not.toMatch(RAW_CONTROL);
  });
});
