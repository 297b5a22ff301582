import { describe, expect, it } from "vitest";
import { cancelExportJob, createExportJobsClient, ExportJobsApiError } from "../../src/index.js";
import { credentials, fakeFetch, json } from "../support/fake-fetch.js";

async function cancelWith(answer: Response) {
  const api = fakeFetch(answer);
  const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: false });
  const result = await cancelExportJob(client, 11037);
  expect(api.requests[0]).toMatchObject({ method: "DELETE", url: `${credentials.baseUrl}/export/jobs/11037` });
  return result;
}

describe("cancelExportJob", () => {
  it("reads a 200 with the acknowledgement", async () => {
    await expect(cancelWith(json({ status: true, message: "Export job has been marked for cancelling" }))).resolves.toEqual({
      jobId: 11037,
      httpStatus: 200,
      accepted: true,
      message: "Export job has been marked for cancelling",
    });
  });

  it("reads a 204 without a body as the same result", async () => {
    await expect(cancelWith(new Response(null, { status: 204 }))).resolves.toEqual({ jobId: 11037, httpStatus: 204, accepted: true });
  });

  it("reads a 200 that declines", async () => {
    await expect(cancelWith(json({ status: false, message: "Job already finished" }))).resolves.toMatchObject({ accepted: false, httpStatus: 200 });
  });

  it("throws the API error for a job that does not exist", async () => {
    const api = fakeFetch(json({ title: "NotFoundError", status: 404, detail: "Export job 11037 was not found" }, 404));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch });
    await expect(cancelExportJob(client, 11037)).rejects.toSatisfy((e) => e instanceof ExportJobsApiError && e.status === 404);
  });
});
