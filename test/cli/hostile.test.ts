// The tool against a server that misbehaves: what it prints, and the exit status a script or a
// scheduler acts on. Each run is bounded by the tool's own timeouts, not by the test's.
import { afterEach, describe, expect, it } from "vitest";
import { EXIT_API_ERROR, EXIT_CREATE_UNCERTAIN, EXIT_OK, EXIT_TIMED_OUT, EXIT_USAGE } from "../../src/cli/exit-codes.js";
import { closeScriptedServers, json, scriptedServer } from "../support/scripted-server.js";
import { credentialsEnv, runCli, TOKEN, useCliHarness } from "./harness.js";

useCliHarness();
afterEach(closeScriptedServers);

const CREATE = ["create", "--dataset", "ds", "--schema", "_xdm.context.profile"];

describe("create without a clear answer exits 5: the job may exist", () => {
  it.each([
    ["a success whose body is null", json(200, null)],
    ["a success whose body is a number", json(200, 42)],
    ["a redirect after the work (303)", { status: 303, headers: { location: "/export/jobs" } }],
  ])("%s", async (_what, answer) => {
    const api = await scriptedServer(answer, json(200, { records: [] }));
    const { code, stderr, stdout } = await runCli(CREATE, { env: credentialsEnv(api.url) });
    expect(code).toBe(EXIT_CREATE_UNCERTAIN);
    expect(stdout).not.toContain("undefined");
    expect(stderr).toMatch(/may exist|may have been carried out/);
    expect(api.received.map((r) => r.method)).toEqual(["POST"]);
  });

  it("a 307 to elsewhere was not carried out: exit 1, sent once, nothing sent elsewhere", async () => {
    const elsewhere = await scriptedServer(json(200, { id: 1, status: "NEW" }));
    const api = await scriptedServer({ status: 307, headers: { location: `${elsewhere.origin}/export/jobs` } });
    const { code, stderr } = await runCli(CREATE, { env: credentialsEnv(api.url) });
    expect(code).toBe(EXIT_API_ERROR);
    expect(stderr).toContain(`redirected the request to ${elsewhere.origin}`);
    expect(api.received).toHaveLength(1);
    expect(elsewhere.received).toEqual([]);
  });
});

describe("--request-timeout and AEP_REQUEST_TIMEOUT", () => {
  it("a get against a server that never answers ends with a network error after the retries", async () => {
    const api = await scriptedServer("no-response");
    const { code, stderr } = await runCli(["get", "7", "--request-timeout", "200ms"], { env: credentialsEnv(api.url) });
    expect(code).toBe(EXIT_API_ERROR);
    expect(stderr).toMatch(/got no answer: timed out after 200 ms \(request id [0-9a-f-]{36}\)/);
    expect(api.received).toHaveLength(4);
  });

  it("a create that gets no answer in time is sent once and exits 5", async () => {
    const api = await scriptedServer("no-response");
    const { code } = await runCli(CREATE, { env: { ...credentialsEnv(api.url), AEP_REQUEST_TIMEOUT: "200ms" } });
    expect(code).toBe(EXIT_CREATE_UNCERTAIN);
    expect(api.received).toHaveLength(1);
  });

  it.each([
    [["get", "7", "--request-timeout", "soon"], {}, /--request-timeout must be a duration/],
    [["get", "7"], { AEP_REQUEST_TIMEOUT: "0" }, /AEP_REQUEST_TIMEOUT must be a duration/],
    [["get", "7", "--request-timeout", "99999999999999999999h"], {}, /--request-timeout must be a duration/],
  ])("%j with %j is a usage error, nothing sent", async (args, env, message) => {
    const api = await scriptedServer(json(200, { id: 7, status: "NEW" }));
    const { code, stderr } = await runCli(args, { env: { ...credentialsEnv(api.url), ...env } });
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(message);
    expect(api.received).toEqual([]);
  });
});

describe("durations past Node's timer limit", () => {
  it("wait --timeout 700h waits for the job rather than timing out at once", async () => {
    const api = await scriptedServer(json(200, { id: 7, status: "PROCESSING" }), json(200, { id: 7, status: "PROCESSING" }), json(200, { id: 7, status: "SUCCEEDED" }));
    const { code, stderr } = await runCli(["wait", "7", "--timeout", "700h", "--interval", "100ms"], { env: credentialsEnv(api.url) });
    expect(stderr).not.toMatch(/RangeError|TimeoutOverflow/);
    expect(code).toBe(EXIT_OK);
    expect(api.received).toHaveLength(3);
  });

  it("wait --interval 700h polls once, not in a loop", async () => {
    const api = await scriptedServer(json(200, { id: 7, status: "PROCESSING" }));
    const { code } = await runCli(["wait", "7", "--timeout", "1s", "--interval", "700h"], { env: credentialsEnv(api.url) });
    expect(code).toBe(EXIT_TIMED_OUT);
    expect(api.received).toHaveLength(1);
  });

  it("wait --timeout 1194h starts, with no RangeError", async () => {
    const api = await scriptedServer(json(200, { id: 7, status: "SUCCEEDED" }));
    const { code, stderr } = await runCli(["wait", "7", "--timeout", "1194h"], { env: credentialsEnv(api.url) });
    expect(stderr).not.toMatch(/RangeError/);
    expect(code).toBe(EXIT_OK);
  });
});

describe("credentials", () => {
  it("a token with a line break is refused before anything is sent, and not quoted", async () => {
    const api = await scriptedServer(json(200, { id: 7, status: "NEW" }));
    const { code, stderr } = await runCli(["get", "7"], { env: { ...credentialsEnv(api.url), AEP_ACCESS_TOKEN: `${TOKEN}\nx-injected: 1` } });
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/accessToken .*cannot be sent in a header/);
    expect(stderr).not.toContain("x-injected");
    expect(api.received).toEqual([]);
  });

  it("an IMS URL with a password is refused as bad input, without printing it", async () => {
    const api = await scriptedServer(json(200, { id: 7, status: "NEW" }));
    const env = { ...credentialsEnv(api.url), AEP_ACCESS_TOKEN: undefined, AEP_CLIENT_ID: "client-id-1", AEP_CLIENT_SECRET: "S3cr3t-client-secret", AEP_SCOPES: "openid", AEP_IMS_URL: "https://me:pa55word-in-url@ims.example" };
    const { code, stderr } = await runCli(["get", "7"], { env });
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain("imsUrl must not carry a user name or password");
    expect(stderr).not.toContain("pa55word");
    expect(api.received).toEqual([]);
  });

  it("a base URL with a password is refused without printing it", async () => {
    const { code, stderr } = await runCli(["get", "7", "--base-url", "https://me:pa55word-in-url@platform.adobe.io"], { env: credentialsEnv("http://127.0.0.1:1") });
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain("baseUrl must not carry a user name or password");
    expect(stderr).not.toContain("pa55word");
  });
});

describe("usage errors quote what was typed", () => {
  it.each([
    [["list", "--status", "\u001b]0;pwned\u0007"], "\\x1b]0;pwned\\x07"],
    [["get", "12\u001b[2J"], "12\\x1b[2J"],
    [["validate", "x.json", "--as", "job\rFAILED"], "job\\x0dFAILED"],
  ])("as visible escapes, never as terminal controls: %j", async (args, shown) => {
    const { code, stderr } = await runCli(args, { env: credentialsEnv("http://127.0.0.1:9") });
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain(shown);
    expect(stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
