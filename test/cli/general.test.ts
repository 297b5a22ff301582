import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/mock/server.js";
import { manyJobs } from "./fixtures.js";
import { API_KEY, credentialsEnv, mockWith, ORG_ID, ROOT, runCli, startCli, TOKEN, useCliHarness } from "./harness.js";
import { EXIT_API_ERROR, EXIT_OK, EXIT_USAGE } from "../../src/cli/exit-codes.js";

useCliHarness();

let mock: MockServer;
beforeEach(async () => {
  mock = await startMockServer({ credentials: { accessToken: TOKEN, apiKey: API_KEY, orgId: ORG_ID } });
});
afterEach(async () => {
  await mock.close();
});

describe("help and version", () => {
  it("--help lists every command, the credentials and the exit codes", async () => {
    const { code, stdout, stderr } = await runCli(["--help"]);

    expect(code).toBe(EXIT_OK);
    expect(stderr).toBe("");
    for (const command of ["list", "get", "create", "wait", "cancel", "validate"]) expect(stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(stdout).toContain("AEP_CLIENT_SECRET");
    expect(stdout).toMatch(/^  130 /m);
  });

  it.each(["list", "get", "create", "wait", "cancel", "validate"])("%s --help shows that command's usage without needing credentials", async (command) => {
    const { code, stdout } = await runCli([command, "--help"]);

    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(new RegExp(`^Usage: aep-export-jobs ${command}`));
    // validate sends nothing, so it offers nothing about reaching the API.
    if (command === "validate") expect(stdout).not.toMatch(/--base-url|--verbose|--request-timeout/);
    else expect(stdout).toContain("--base-url URL");
    expect(stdout).toMatch(/^Exit status/m);
    expect(mock.requests).toHaveLength(0);
  });

  it.each(["list", "get", "create", "wait", "cancel", "validate"])("%s --help lines up every option's description in one column", async (command) => {
    const { stdout } = await runCli([command, "--help"]);
    for (const section of stdout.split(/\n(?=\w[\w ]*:\n)/).filter((part) => /^(Global )?[Oo]ptions:/.test(part))) {
      const columns = section
        .split("\n")
        .filter((line) => /^  -/.test(line))
        .map((line) => /^  \S.*?\S  +(?=\S)/.exec(line)![0].length);
      expect(new Set(columns).size, section).toBe(1);
    }
  });

  it("suggests the option a mistyped one was meant to be", async () => {
    const { code, stderr } = await runCli(["list", "--stauts", "FAILED"]);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain("unknown option --stauts (did you mean --status?)");
  });

  it("suggests nothing for an option far from every known one", async () => {
    const { stderr } = await runCli(["list", "--colour"]);
    expect(stderr).toMatch(/unknown option --colour$/m);
  });

  it("wait --help documents the exit codes and that Ctrl-C does not cancel", async () => {
    const { stdout } = await runCli(["wait", "--help"]);

    expect(stdout).toMatch(/^  3 +the job FAILED/m);
    expect(stdout).toMatch(/^  4 +timed out/m);
    expect(stdout).toMatch(/does NOT cancel the job/);
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { version: string };

    const { code, stdout } = await runCli(["--version"]);

    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe(`${version}\n`);
  });
});

describe("usage errors", () => {
  it("names an unknown command, shows the usage and exits 2", async () => {
    const { code, stdout, stderr } = await runCli(["lsit"]);

    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: unknown command "lsit"\nUsage: aep-export-jobs <command>/);
  });

  it("names an unknown flag, shows the command's usage and exits 2", async () => {
    const { code, stderr } = await runCli(["list", "--colour"], { env: credentialsEnv(mock.url) });

    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/^error: unknown option --colour\nUsage: aep-export-jobs list /);
    expect(mock.requests).toHaveLength(0);
  });

  it("says when an option lacks its value", async () => {
    const { code, stderr } = await runCli(["list", "--limit"], { env: credentialsEnv(mock.url) });

    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/^error: option --limit needs a value/);
  });

  it.each([
    [["get", "abc"], /an export job ID is a positive integer, got "abc"/],
    [["get"], /missing ID/],
    [["get", "1", "2"], /unexpected argument "2"/],
    [["list", "--limit", "0"], /--limit must be a positive integer/],
    [["list", "--status", "PROCESSING"], /--status must be one of NEW, SUCCEEDED, FAILED, got "PROCESSING" \(the API cannot filter on PROCESSING\)/],
    [["list", "--json", "--ndjson"], /--json and --ndjson cannot be used together/],
    [["wait", "1", "--timeout", "soon"], /--timeout must be a duration such as 500ms, 90s, 5m or 1h, got "soon"/],
  ])("rejects %j before sending anything", async (args, message) => {
    const { code, stderr } = await runCli(args, { env: credentialsEnv(mock.url) });

    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(message);
    expect(mock.requests).toHaveLength(0);
  });
});

describe("credentials", () => {
  it.each([
    [{}, "AEP_ACCESS_TOKEN, AEP_API_KEY, AEP_ORG_ID"],
    [{ AEP_ACCESS_TOKEN: TOKEN, AEP_API_KEY: API_KEY }, "AEP_ORG_ID"],
    [{ AEP_ACCESS_TOKEN: TOKEN, AEP_ORG_ID: ORG_ID, AEP_API_KEY: "  " }, "AEP_API_KEY"],
    [{ AEP_CLIENT_ID: "client", AEP_ORG_ID: ORG_ID }, "AEP_CLIENT_SECRET, AEP_SCOPES"],
  ])("with %j, names the missing %s in one line, exits 2 and sends nothing", async (env, missing) => {
    const { code, stdout, stderr } = await runCli(["list"], { env: { AEP_BASE_URL: mock.url, ...env } });

    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`missing ${missing}:`);
    expect(mock.requests).toHaveLength(0);
  });

  it("sends the environment's credentials and sandbox", async () => {
    const { code } = await runCli(["get", "722"], { env: { ...credentialsEnv(mock.url), AEP_SANDBOX_NAME: "dev-1" } });

    expect(code).toBe(EXIT_OK);
    expect(mock.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /export/jobs/722 200"]);
  });

  it("reports a refused token as an API error (exit 1) without printing it", async () => {
    const { code, stderr } = await runCli(["get", "722"], { env: { ...credentialsEnv(mock.url), AEP_ACCESS_TOKEN: "S3cr3t-other-token" } });

    expect(code).toBe(EXIT_API_ERROR);
    expect(stderr).toMatch(/^error: GET \/export\/jobs\/722 failed with HTTP 401 401013/);
  });
});

describe("base URL", () => {
  it("--base-url wins over AEP_BASE_URL, before or after the command", async () => {
    const env = { ...credentialsEnv("http://127.0.0.1:9/unused") };

    const before = await runCli(["--base-url", mock.url, "get", "722"], { env });
    const after = await runCli(["get", "722", `--base-url=${mock.url}`], { env });

    expect([before.code, after.code]).toEqual([EXIT_OK, EXIT_OK]);
    expect(mock.requests).toHaveLength(2);
  });

  it("rejects a base URL that is not a URL (exit 2)", async () => {
    const { code, stderr } = await runCli(["get", "722", "--base-url", "platform.adobe.io"], { env: credentialsEnv(mock.url) });

    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/baseUrl is not an absolute URL/);
  });

  it("reports an API that cannot be reached as exit 1", async () => {
    const { code, stderr } = await runCli(["get", "722", "--base-url", "http://127.0.0.1:9"], { env: { ...credentialsEnv(mock.url) } });

    expect(code).toBe(EXIT_API_ERROR);
    expect(stderr).toMatch(/^error: GET \/export\/jobs\/722 got no answer/);
  }, 60_000);
});

describe("--verbose", () => {
  it("logs each HTTP attempt to stderr with method, URL, status, duration and request id, never credentials", async () => {
    const { code, stdout, stderr } = await runCli(["get", "722", "--verbose"], { env: credentialsEnv(mock.url) });

    expect(code).toBe(EXIT_OK);
    expect(stderr).toMatch(new RegExp(`^GET ${mock.url}/export/jobs/722 200 \\d+ms request-id=[0-9a-f-]{36}$`, "m"));
    expect(stderr).toContain(mock.requests[0]!.requestId);
    expect(stdout).not.toMatch(/request-id/);
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).not.toContain(API_KEY);
  });
});

describe("in a pipeline", () => {
  it("stops quietly when its reader goes away, as with `| head -1`", async () => {
    const env = await mockWith({ jobs: manyJobs(500) });
    const cli = startCli(["list", "--all", "--limit", "20", "--ndjson"], { env });

    await cli.waitFor("stdout", /\n/);
    cli.child.stdout!.destroy();
    const { code, stderr } = await cli.result;

    expect(code).toBe(EXIT_OK);
    expect(stderr).toBe("");
  });
});
