// The token provider as the client uses it: a 401 drops the cached token, an idempotent request is
// repeated once with a fresh one, and a create is never repeated.
import { afterEach, beforeEach, expect, it } from "vitest";
import { createExportJob, createExportJobsClient, ExportJobsApiError, retrieveExportJob } from "../../src/index.js";
import { createImsTokenProvider } from "../../src/ims.js";
import { closeScriptedServers, json, scriptedServer, type ScriptedServer } from "../support/scripted-server.js";
import { startStubIms, type StubIms } from "./stub-ims.js";

/** An API that refuses the first `refusals` requests with the gateway's 401, then answers. */
function startStubApi(refusals: number): Promise<ScriptedServer> {
  const refused = json(401, { error_code: "401013", message: "Oauth token is not valid" });
  return scriptedServer(...Array.from({ length: refusals }, () => refused), json(200, { id: 7, status: "NEW" }));
}

/** What the API saw of each request. */
const seen = (server: ScriptedServer) => server.received.map((r) => ({ method: r.method, authorization: r.headers.authorization }));

let ims: StubIms;
let api: ScriptedServer;
beforeEach(async () => {
  ims = await startStubIms();
  api = await startStubApi(1);
});
afterEach(closeScriptedServers);

function client() {
  return createExportJobsClient({
    accessToken: createImsTokenProvider({ clientId: "client-1", clientSecret: "S3cr3t-client-secret", scopes: "openid", imsUrl: ims.url }),
    apiKey: "client-1",
    orgId: "org@AdobeOrg",
    baseUrl: api.url,
    retry: { minDelayMs: 1, maxDelayMs: 1 },
  });
}

it("repeats a GET refused with 401 once, with a freshly exchanged token", async () => {
  const job = await retrieveExportJob(client(), 7);

  expect(job).toEqual({ id: 7, status: "NEW" });
  expect(seen(api)).toEqual([
    { method: "GET", authorization: "Bearer token-1" },
    { method: "GET", authorization: "Bearer token-2" },
  ]);
  expect(ims.exchanges).toHaveLength(2);
});

it("does not repeat a GET a second time when the fresh token is refused too", async () => {
  await api.close();
  api = await startStubApi(5);

  await expect(retrieveExportJob(client(), 7)).rejects.toMatchObject({ status: 401 });
  expect(seen(api)).toHaveLength(2);
});

it("does not repeat a POST refused with 401, but the next request gets a fresh token", async () => {
  const jobs = client();

  const error = await createExportJob(jobs, { destination: { datasetId: "d" }, schema: { name: "s" } } as never).catch((e: unknown) => e);
  await retrieveExportJob(jobs, 7);

  expect(error).toBeInstanceOf(ExportJobsApiError);
  expect(error).toMatchObject({ status: 401, method: "POST" });
  expect(seen(api)).toEqual([
    { method: "POST", authorization: "Bearer token-1" },
    { method: "GET", authorization: "Bearer token-2" },
  ]);
});
