// The real client against the mock: the two must agree, since each is checked against the description.
import { describe, expect, it } from "vitest";
import {
  cancelExportJob,
  createExportJob,
  createExportJobsClient,
  ExportJobsApiError,
  iterateExportJobs,
  listExportJobs,
  retrieveExportJob,
  waitForExportJob,
  type ExportJob,
  type ExportJobsClient,
} from "../../src/index.js";
import type { MockServer, MockServerOptions } from "../../src/mock/server.js";
import { API_KEY, manualClock, ORG, TOKEN, useMockServer } from "./helpers.js";

const start = useMockServer({ credentials: { accessToken: TOKEN, apiKey: API_KEY, orgId: ORG } });

async function clientFor(options: MockServerOptions = {}): Promise<{ client: ExportJobsClient; mock: MockServer }> {
  const mock = await start(options);
  const client = createExportJobsClient({
    baseUrl: mock.url,
    accessToken: TOKEN,
    apiKey: API_KEY,
    orgId: ORG,
    retry: false,
    validateRequests: true,
    validateResponses: true,
  });
  return { client, mock };
}

const request = (datasetId: string) => ({
  destination: { datasetId, segmentPerBatch: false },
  schema: { name: "_xdm.context.profile" },
});

describe("the client against the mock", () => {
  it("creates a job and waits through NEW and PROCESSING until it SUCCEEDED", async () => {
    // Each request moves the mock's clock on by 600 ms, so the statuses seen do not depend on timing.
    const clock = manualClock();
    const { mock } = await clientFor({ now: clock.now, processingAfterMs: 1000, finishAfterMs: 1000 });
    const client = createExportJobsClient({
      baseUrl: mock.url,
      accessToken: TOKEN,
      apiKey: API_KEY,
      orgId: ORG,
      validateResponses: true,
      fetch: (input, init) => {
        clock.advance(600);
        return fetch(input, init);
      },
    });
    const created = await createExportJob(client, request("5b7c86968f7b6501e21ba9df"));
    expect(created.status).toBe("NEW");
    const seen: string[] = [];
    const done = await waitForExportJob(client, created.id, { intervalMs: 1, maxIntervalMs: 1, onStatus: (job) => seen.push(job.status) });
    expect(done.status).toBe("SUCCEEDED");
    expect(seen).toEqual(["NEW", "PROCESSING", "SUCCEEDED"]);
    expect(mock.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 200", "GET 200", "GET 200", "GET 200", "GET 200"]);
  });

  it("resolves with a FAILED job and its errors for a datasetId starting with fail", async () => {
    const { client } = await clientFor({ processingAfterMs: 0, finishAfterMs: 20 });
    const created = await createExportJob(client, request("fail-please"));
    const done = await waitForExportJob(client, created.id, { intervalMs: 10, maxIntervalMs: 10, timeoutMs: 10_000 });
    expect(done.status).toBe("FAILED");
    expect(done.errors?.[0]?.msg).toContain("fail-please");
  });

  it("cancels with 200 and with 204", async () => {
    for (const cancelStatus of [200, 204] as const) {
      // A clock that stands still: the job cannot finish before it is cancelled.
      const { client } = await clientFor({ cancelStatus, now: manualClock().now });
      const created = await createExportJob(client, request("ds"));
      const result = await cancelExportJob(client, created.id);
      expect(result).toMatchObject({ jobId: created.id, httpStatus: cancelStatus });
      expect((await retrieveExportJob(client, created.id)).status).toBe("FAILED");
    }
  });

  it("reports a job that has already ended as not cancelled, whichever status a cancel answers with", async () => {
    for (const cancelStatus of [200, 204] as const) {
      const { client } = await clientFor({ cancelStatus, now: manualClock().now });
      expect(await cancelExportJob(client, 722)).toEqual({
        jobId: 722,
        httpStatus: 200,
        accepted: false,
        message: "Export job 722 has already ended (FAILED); there is nothing to cancel",
      });
    }
  });

  it("iterates every page through link.next", async () => {
    const { client, mock } = await clientFor({ seed: false });
    const jobs = mock.jobsOf(ORG, "prod");
    for (let i = 0; i < 25; i++) jobs.add({ id: jobs.nextId(), status: i % 2 ? "FAILED" : "SUCCEEDED", creationTime: 1_600_000_000_000 + i });
    const ids: number[] = [];
    for await (const job of iterateExportJobs(client, { limit: 4 })) ids.push(job.id);
    expect(ids).toEqual(jobs.all().map((job: ExportJob) => job.id));
    expect(mock.requests.filter((r) => r.path.startsWith("/export/jobs"))).toHaveLength(7);
    const failed: number[] = [];
    for await (const job of iterateExportJobs(client, { limit: 5, status: "FAILED" })) failed.push(job.id);
    expect(failed).toHaveLength(12);
    expect((await listExportJobs(client, { limit: 2 })).link?.next).toMatch(/^\/export\/jobs\/\?limit=2&offset=\d+_\d+$/);
  });

  it("turns a 404 and a refused credential into ExportJobsApiError, without the credentials", async () => {
    const { client, mock } = await clientFor();
    const missing = await retrieveExportJob(client, 999_999).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ExportJobsApiError);
    expect(missing).toMatchObject({ status: 404, title: "NotFoundError" });
    const wrong = createExportJobsClient({ baseUrl: mock.url, accessToken: "S3cr3t-wrong-token", apiKey: API_KEY, orgId: ORG, retry: false });
    const refused = await listExportJobs(wrong).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 401, code: "401013" });
    const text = JSON.stringify(refused, Object.getOwnPropertyNames(refused)) + String(refused);
    for (const secret of ["S3cr3t", TOKEN, API_KEY]) expect(text).not.toContain(secret);
  });
});
