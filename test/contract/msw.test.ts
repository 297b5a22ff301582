// The client and its helpers against typed MSW handlers that serve the description's examples.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  cancelExportJob,
  createExportJob,
  createExportJobsClient,
  iterateExportJobs,
  retrieveExportJob,
  waitForExportJob,
  type CreateExportJobRequest,
  type ExportJobStatus,
} from "../../src/index.js";
import { exampleValue } from "../support/openapi.js";
import { exportJobHandlers, FIRST_PAGE_CURSOR, MSW_BASE_URL, type HandlerOptions } from "./msw-handlers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function serve(options: HandlerOptions = {}) {
  const { handlers, calls } = exportJobHandlers(options);
  server.use(...handlers);
  const client = createExportJobsClient({
    accessToken: "S3cr3t-msw-token",
    apiKey: "S3cr3t-msw-api-key",
    orgId: "1BD6382559DF0C130A49422D@AdobeOrg",
    baseUrl: MSW_BASE_URL,
    validateRequests: true,
    validateResponses: true,
    retry: false,
  });
  return { client, calls };
}

describe("the client against typed MSW handlers", () => {
  it("iterates over two pages, following link.next with its trailing slash", async () => {
    const { client, calls } = serve();
    const ids: number[] = [];
    for await (const job of iterateExportJobs(client, { limit: 2 })) ids.push(job.id);
    const first = exampleValue("list-newest") as { records: { id: number }[] };
    const last = exampleValue("list-oldest-batches-object") as { records: { id: number }[] };
    expect(ids).toEqual([...first.records, ...last.records].map((r) => r.id));
    expect(calls.map((c) => `${c.url.pathname}${c.url.search}`)).toEqual([
      "/data/core/ups/export/jobs?limit=2",
      `/data/core/ups/export/jobs?limit=2&offset=${FIRST_PAGE_CURSOR}`,
    ]);
  });

  it("waits through PROCESSING until SUCCEEDED", async () => {
    const { client, calls } = serve({ retrieveSequence: ["job-processing", "job-processing", "job-succeeded"] });
    const seen: ExportJobStatus[] = [];
    const job = await waitForExportJob(client, 11038, { intervalMs: 1, maxIntervalMs: 1, onStatus: (j) => seen.push(j.status) });
    expect(job).toMatchObject({ id: 11038, status: "SUCCEEDED" });
    expect(seen).toEqual(["PROCESSING", "SUCCEEDED"]);
    expect(calls).toHaveLength(3);
  });

  it("cancels a job answered with 204 and no body", async () => {
    const { client, calls } = serve({ cancelStatus: 204 });
    expect(await cancelExportJob(client, 11037)).toEqual({ jobId: 11037, httpStatus: 204, accepted: true });
    expect(calls).toEqual([{ method: "DELETE", url: new URL(`${MSW_BASE_URL}/export/jobs/11037`) }]);
  });

  it("cancels a job answered with 200 and an acknowledgement", async () => {
    const { client } = serve({ cancelStatus: 200 });
    const { message } = exampleValue("cancel-accepted") as { message: string };
    expect(await cancelExportJob(client, 11037)).toEqual({ jobId: 11037, httpStatus: 200, accepted: true, message });
  });

  it("creates a job and retrieves one", async () => {
    const { client } = serve();
    const created = await createExportJob(client, exampleValue("create-request-full") as CreateExportJobRequest);
    expect(created).toEqual(exampleValue("create-response-new"));
    expect(await retrieveExportJob(client, 11037)).toEqual(exampleValue("job-succeeded"));
  });

  it("answers 401 to a request without credentials, so the client's credentials above were checked", async () => {
    const { calls } = serve();
    const response = await fetch(`${MSW_BASE_URL}/export/jobs/11037`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(exampleValue("error-gateway-invalid-token"));
    expect(calls).toHaveLength(1);
  });
});
