// The token provider as the client uses it: a 401 drops the cached token, an idempotent request is
// repeated once with a fresh one, and a create is never repeated.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createExportJob, createExportJobsClient, ExportJobsApiError, retrieveExportJob } from "../../src/index.js";
import { createImsTokenProvider } from "../../src/ims.js";
import { startStubIms, type StubIms } from "./stub-ims.js";

interface SeenRequest {
  method: string;
  authorization: string | undefined;
}

/** An API that refuses the first `refusals` requests with the gateway's 401, then answers. */
async function startStubApi(refusals: number) {
  const seen: SeenRequest[] = [];
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    for await (const _ of request);
    seen.push({ method: request.method ?? "", authorization: request.headers.authorization });
    const refuse = seen.length <= refusals;
    response.writeHead(refuse ? 401 : 200, { "content-type": "application/json" });
    response.end(JSON.stringify(refuse ? { error_code: "401013", message: "Oauth token is not valid" } : { id: 7, status: "NEW" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let ims: StubIms;
let api: Awaited<ReturnType<typeof startStubApi>>;
beforeEach(async () => {
  ims = await startStubIms();
  api = await startStubApi(1);
});
afterEach(async () => {
  await Promise.all([ims.close(), api.close()]);
});

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
  expect(api.seen).toEqual([
    { method: "GET", authorization: "Bearer token-1" },
    { method: "GET", authorization: "Bearer token-2" },
  ]);
  expect(ims.exchanges).toHaveLength(2);
});

it("does not repeat a GET a second time when the fresh token is refused too", async () => {
  await api.close();
  api = await startStubApi(5);

  await expect(retrieveExportJob(client(), 7)).rejects.toMatchObject({ status: 401 });
  expect(api.seen).toHaveLength(2);
});

it("does not repeat a POST refused with 401, but the next request gets a fresh token", async () => {
  const jobs = client();

  const error = await createExportJob(jobs, { destination: { datasetId: "d" }, schema: { name: "s" } } as never).catch((e: unknown) => e);
  await retrieveExportJob(jobs, 7);

  expect(error).toBeInstanceOf(ExportJobsApiError);
  expect(error).toMatchObject({ status: 401, method: "POST" });
  expect(api.seen).toEqual([
    { method: "POST", authorization: "Bearer token-1" },
    { method: "GET", authorization: "Bearer token-2" },
  ]);
});
