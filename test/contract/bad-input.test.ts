// Input the description forbids is refused before anything is sent: the injected fetch is never
// called, and the error names the field and what it allows.
import { describe, expect, it, vi } from "vitest";
import {
  cancelExportJob,
  createExportJob,
  createExportJobsClient,
  ExportJobsValidationError,
  listExportJobs,
  retrieveExportJob,
  waitForExportJob,
  type CreateExportJobRequest,
  type ListExportJobsQuery,
} from "../../src/index.js";

const SECRETS = { accessToken: "S3cr3t-bad-input-token", apiKey: "S3cr3t-bad-input-api-key" };

function refusingClient() {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => {
    throw new Error("a request was sent");
  });
  const client = createExportJobsClient({
    ...SECRETS,
    orgId: "1BD6382559DF0C130A49422D@AdobeOrg",
    baseUrl: "https://platform.adobe.io/data/core/ups",
    fetch,
    validateRequests: true,
    retry: false,
  });
  return { client, fetch };
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => new Error("the call succeeded"),
    (e: unknown) => e as Error,
  );
  expect(error.message).not.toContain(SECRETS.accessToken);
  expect(error.message).not.toContain(SECRETS.apiKey);
  return error;
}

const badIds: unknown[] = [0, -1, 1.5, "abc"];

describe("a job id that is not a positive integer", () => {
  it.each(badIds)("is refused by the typed client call with %j, naming EXPORT_JOB_ID", async (id) => {
    const { client, fetch } = refusingClient();
    const error = await refusal(
      client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: id as number } } }),
    );
    expect(error).toBeInstanceOf(ExportJobsValidationError);
    expect(error.message).toContain("path/EXPORT_JOB_ID");
    expect(error.message).toMatch(/must be integer|must be >= 1/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each(badIds)("is refused by the helpers with %j, before any request", async (id) => {
    const { client, fetch } = refusingClient();
    // The helpers check the id themselves, with or without validateRequests.
    for (const call of [
      () => retrieveExportJob(client, id as number),
      () => cancelExportJob(client, id as number),
      () => waitForExportJob(client, id as number),
    ]) {
      const error = await refusal(call());
      expect(error).toBeInstanceOf(ExportJobsValidationError);
      expect(error.message).toContain("path/EXPORT_JOB_ID must be a positive integer");
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("list parameters outside the description", () => {
  it.each([0, -1])("refuses limit %d, naming limit and its minimum", async (limit) => {
    const { client, fetch } = refusingClient();
    const error = await refusal(listExportJobs(client, { limit }));
    expect(error).toBeInstanceOf(ExportJobsValidationError);
    expect(error.message).toContain("query/limit");
    expect(error.message).toContain(">= 1");
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each(["PROCESSING", "SUCCESSEDED"])("refuses the status filter %s, naming the values it allows", async (status) => {
    const { client, fetch } = refusingClient();
    const error = await refusal(listExportJobs(client, { status } as unknown as ListExportJobsQuery));
    expect(error).toBeInstanceOf(ExportJobsValidationError);
    expect(error.message).toContain("query/status");
    expect(error.message).toContain("NEW, SUCCEEDED, FAILED");
    expect(error.message).toContain(status);
    expect((error as ExportJobsValidationError).issues).toEqual([{ pointer: "query/status", message: expect.stringContaining("NEW, SUCCEEDED, FAILED") }]);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("create bodies outside the description", () => {
  const valid = { destination: { datasetId: "5b7c86968f7b6501e21ba9df" }, schema: { name: "_xdm.context.profile" } };

  it.each([
    ["without destination.datasetId", { ...valid, destination: {} }, "body/destination/datasetId", "is required"],
    ["without schema.name", { ...valid, schema: {} }, "body/schema/name", "is required"],
    ["without destination", { schema: valid.schema }, "body/destination", "is required"],
    ["with the legacy key dataSetId in destination", { ...valid, destination: { ...valid.destination, dataSetId: "x" } }, "body/destination/dataSetId", "unknown field"],
    ["with dataSetId at the top level", { ...valid, dataSetId: "x" }, "body/dataSetId", "unknown field"],
    ["with segment status exiting", { ...valid, filter: { segments: [{ segmentId: "s", status: ["exiting"] }] } }, "body/filter/segments/0/status/0", "realized, existing, exited"],
  ])("refuses a body %s", async (_name, body, pointer, message) => {
    const { client, fetch } = refusingClient();
    const error = await refusal(createExportJob(client, body as unknown as CreateExportJobRequest));
    expect(error).toBeInstanceOf(ExportJobsValidationError);
    const issues = (error as ExportJobsValidationError).issues;
    expect(issues).toContainEqual({ pointer, message: expect.stringContaining(message) });
    expect(error.message).toContain(pointer);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("sends the same body once it is valid, so the refusals above are the validation's doing", async () => {
    const { client, fetch } = refusingClient();
    fetch.mockResolvedValueOnce(Response.json({ id: 1, status: "NEW" }));
    await expect(createExportJob(client, valid)).resolves.toEqual({ id: 1, status: "NEW" });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
