// OAuth server-to-server from the environment, and credentials kept out of everything printed.
import { afterEach, describe, expect, it } from "vitest";
import { createIo, type WritableLike } from "../../src/cli/output.js";
import { EXIT_API_ERROR, EXIT_OK } from "../../src/cli/exit-codes.js";
import { startMockServer, type MockServer } from "../../src/mock/server.js";
import { startStubIms, tokenReply, type StubIms } from "../ims/stub-ims.js";
import { closeScriptedServers, json, scriptedServer } from "../support/scripted-server.js";
import { API_KEY, credentialsEnv, ORG_ID, printed, runCli, TOKEN, useCliHarness } from "./harness.js";

useCliHarness();

const CLIENT_SECRET = "S3cr3t-client-secret";
const IMS_TOKEN = "S3cr3t-token-from-ims";

let mock: MockServer | undefined;
let ims: StubIms | undefined;
afterEach(async () => {
  await Promise.all([mock?.close(), closeScriptedServers()]);
  mock = undefined;
  ims = undefined;
});

function oauthEnv(): Record<string, string> {
  // The client id is the API key: AEP_API_KEY is left unset on purpose.
  return { AEP_CLIENT_ID: API_KEY, AEP_CLIENT_SECRET: CLIENT_SECRET, AEP_SCOPES: "openid,AdobeID,read_organizations", AEP_IMS_URL: ims!.url, AEP_ORG_ID: ORG_ID, AEP_BASE_URL: mock!.url };
}

describe("OAuth server-to-server", () => {
  it("exchanges the client credential with IMS and uses the client id as the API key", async () => {
    ims = await startStubIms(() => tokenReply(IMS_TOKEN));
    mock = await startMockServer({ credentials: { accessToken: IMS_TOKEN, apiKey: API_KEY, orgId: ORG_ID } });

    const { code, stdout, stderr } = await runCli(["get", "722", "--verbose"], { env: oauthEnv() });

    expect(stderr).toMatch(/GET .*\/export\/jobs\/722 200 /);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/^Export job 722 {2}FAILED$/m);
    expect(ims.exchanges).toHaveLength(1);
    expect(new URLSearchParams(ims.exchanges[0]!.body).get("client_id")).toBe(API_KEY);
  });

  it("reports a refused credential in one line, exit 1, without the secret, having sent nothing to the API", async () => {
    ims = await startStubIms(() => ({ status: 400, body: { error: "invalid_client", error_description: `invalid client_secret ${CLIENT_SECRET}` } }));
    mock = await startMockServer({});

    const { code, stderr } = await runCli(["list"], { env: oauthEnv() });

    expect(code).toBe(EXIT_API_ERROR);
    expect(stderr).toMatch(/^error: Adobe IMS refused the token request with HTTP 400: invalid_client: .* \(check AEP_CLIENT_ID, AEP_CLIENT_SECRET and AEP_SCOPES\)\n$/);
    expect(mock.requests).toHaveLength(0);
  });

  it("prefers AEP_ACCESS_TOKEN when both are set", async () => {
    ims = await startStubIms(() => tokenReply(IMS_TOKEN));
    mock = await startMockServer({ credentials: { accessToken: TOKEN, apiKey: API_KEY, orgId: ORG_ID } });

    const { code } = await runCli(["get", "722"], { env: { ...oauthEnv(), AEP_ACCESS_TOKEN: TOKEN } });

    expect(code).toBe(EXIT_OK);
    expect(ims.exchanges).toHaveLength(0);
  });
});

describe("secrets never printed", () => {
  it("scrubs a credential that an API error echoes back", async () => {
    const api = await scriptedServer(json(403, { error_code: "403010", message: `Api Key ${API_KEY} is invalid for token ${TOKEN}` }));

    const { code, stderr } = await runCli(["get", "1", "--verbose"], { env: credentialsEnv(api.url) });

    expect(code).toBe(EXIT_API_ERROR);
    expect(stderr).toMatch(/HTTP 403 403010: Api Key \[redacted\] is invalid for token \[redacted\]/);
  });

  it("the output layer replaces every known credential, including ones added while running", () => {
    const written: string[] = [];
    const sink: WritableLike = { write: (chunk) => written.push(chunk) > 0, once: () => undefined };
    const io = createIo({ stdout: sink, stderr: sink }, {}, [TOKEN, API_KEY, undefined, "abc"]);

    io.addSecret(IMS_TOKEN);
    void io.stdout.line(`${TOKEN} ${API_KEY} ${IMS_TOKEN} abc`);

    expect(written).toEqual(["[redacted] [redacted] [redacted] abc\n"]);
  });

  it("nothing this file's runs printed holds a credential", () => {
    // Checked again after every test file by the harness; here it is also a test of its own.
    expect(printed().length).toBeGreaterThan(0);
    for (const secret of [TOKEN, API_KEY, CLIENT_SECRET, IMS_TOKEN]) expect(printed()).not.toContain(secret);
  });
});
