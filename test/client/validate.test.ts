import { describe, expect, it, vi } from "vitest";
import {
  createExportJobsClient,
  ExportJobsValidationError,
  type ExportJobsClient,
  retrieveExportJob,
  validateOperationPayload,
  validatePayload,
} from "../../src/index.js";
import { exampleValue } from "../support/openapi.js";
import { credentials, fakeFetch, json } from "../support/fake-fetch.js";

describe("validateResponses", () => {
  it("passes a response that matches the description", async () => {
    const api = fakeFetch(json(exampleValue("job-oldest-batches-object")));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, validateResponses: true });
    await expect(retrieveExportJob(client, 100)).resolves.toMatchObject({ id: 100 });
  });

  it("rejects a response that does not, naming the JSON pointer of each mismatch", async () => {
    const api = fakeFetch(json({ id: "11037", status: "SUCCESSEDED", destination: { datasetId: 5 } }));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, validateResponses: true });
    const error = await retrieveExportJob(client, 11037).catch((e) => e);
    expect(error).toBeInstanceOf(ExportJobsValidationError);
    expect(error.issues.map((i: { pointer: string }) => i.pointer)).toEqual(expect.arrayContaining(["/id", "/status", "/destination/datasetId"]));
    expect(error.message).toContain("must be one of NEW, PROCESSING, SUCCEEDED, FAILED");
  });

  it("passes a 204, which has no body to check", async () => {
    const api = fakeFetch(new Response(null, { status: 204 }));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, validateResponses: true });
    const { response } = await client.DELETE("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: 1 } } });
    expect(response.status).toBe(204);
  });

  it("checks, and hands on whole, an answer that another middleware put in place of the API's", async () => {
    const job = exampleValue("job-succeeded");
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(json({ id: "not a job" })).fetch, validateResponses: true });
    client.use({ onResponse: () => new Response(JSON.stringify(job), { status: 200, headers: { "content-type": "application/json" } }) });
    await expect(client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: 1 } } })).resolves.toMatchObject({ data: job });
    const wrong = createExportJobsClient({ ...credentials, fetch: fakeFetch(json(job)).fetch, validateResponses: true });
    wrong.use({ onResponse: () => new Response('{"id":"not a job"}', { status: 200, headers: { "content-type": "application/json" } }) });
    await expect(wrong.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: 1 } } })).rejects.toBeInstanceOf(ExportJobsValidationError);
  });

  it.each([
    ["a helper", (client: ExportJobsClient) => retrieveExportJob(client, 100)],
    ["client.GET", async (client: ExportJobsClient) => (await client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: 100 } } })).data],
  ])("parses the body once through %s: the value validated is the value handed on", async (_, call) => {
    const body = JSON.stringify(exampleValue("job-succeeded"));
    const api = fakeFetch(new Response(body, { status: 200, headers: { "content-type": "application/json" } }));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, validateResponses: true });
    const parse = vi.spyOn(JSON, "parse");
    try {
      await expect(call(client)).resolves.toMatchObject({ status: "SUCCEEDED" });
      expect(parse.mock.calls.filter(([text]) => text === body)).toHaveLength(1);
    } finally {
      parse.mockRestore();
    }
  });

  it("is off by default", async () => {
    const api = fakeFetch(json({ id: 1, status: "SOMETHING_NEW" }));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch });
    await expect(retrieveExportJob(client, 1)).resolves.toMatchObject({ status: "SOMETHING_NEW" });
  });
});

describe("validateRequests", () => {
  function strictClient() {
    const api = fakeFetch(json({ records: [] }));
    return { api, client: createExportJobsClient({ ...credentials, fetch: api.fetch, validateRequests: true }) };
  }

  it.each([
    [{ status: "SUCCESSEDED" }, "query/status", "NEW, SUCCEEDED, FAILED"],
    [{ limit: 0 }, "query/limit", ">= 1"],
    [{ limit: -3 }, "query/limit", ">= 1"],
  ])("rejects the query %j before sending", async (query, pointer, allowed) => {
    const { api, client } = strictClient();
    const error = await client.GET("/export/jobs", { params: { query: query as never } }).catch((e) => e);
    expect(error).toBeInstanceOf(ExportJobsValidationError);
    expect(error.message).toContain(pointer);
    expect(error.message).toContain(allowed);
    expect(api.requests).toHaveLength(0);
  });

  it("rejects an id that is not a positive integer", async () => {
    const { api, client } = strictClient();
    for (const id of [0, -1, 1.5]) {
      const error = await client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: id } } }).catch((e) => e);
      expect(error.message).toContain("path/EXPORT_JOB_ID");
    }
    expect(api.requests).toHaveLength(0);
  });

  it("rejects a create body without the required fields, naming them", async () => {
    const { api, client } = strictClient();
    const error = await client.POST("/export/jobs", { body: { destination: { dataSetId: "x" } } as never }).catch((e) => e);
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { pointer: "body/schema", message: "is required" },
        { pointer: "body/destination/datasetId", message: "is required" },
        { pointer: "body/destination/dataSetId", message: "is not allowed here (unknown field)" },
      ]),
    );
    expect(api.requests).toHaveLength(0);
  });

  it("is off by default: the request is sent as it is, for the API to judge", async () => {
    const api = fakeFetch(json({ records: [] }));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch });
    await client.GET("/export/jobs", { params: { query: { limit: 0 } } });
    expect(api.requests.map((request) => new URL(request.url).search)).toEqual(["?limit=0"]);
  });

  it("sends a valid request", async () => {
    const { api, client } = strictClient();
    await client.GET("/export/jobs", { params: { query: { limit: 5, status: "FAILED" } } });
    expect(api.requests).toHaveLength(1);
  });
});

describe("validatePayload", () => {
  it.each([
    ["list", "list-oldest-batches-object"],
    ["job", "job-processing"],
    ["create-request", "create-request-full"],
    ["create-response", "create-response-segment-per-batch"],
    ["cancel", "cancel-accepted"],
    ["error", "error-service-forbidden"],
  ] as const)("accepts a valid %s", async (kind, example) => {
    await expect(validatePayload(kind, exampleValue(example))).resolves.toEqual({ valid: true, issues: [] });
  });

  it("lists each mismatch with its pointer and the allowed values", async () => {
    const result = await validatePayload("job", { id: 1, status: "NEW", filter: { segments: [{ segmentId: "s", status: ["exiting"] }] } });
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      { pointer: "/filter/segments/0/status/0", message: 'must be one of realized, existing, exited (got "exiting")' },
    ]);
  });

  it("reports a status, or a request body, that the operation does not declare", async () => {
    await expect(validateOperationPayload("cancelExportJob", 202, {})).resolves.toEqual({
      valid: false,
      issues: [{ pointer: "/", message: "cancelExportJob does not declare HTTP 202" }],
    });
    await expect(validateOperationPayload("retrieveExportJob", "body", {})).resolves.toEqual({
      valid: false,
      issues: [{ pointer: "/", message: "retrieveExportJob does not declare a request body" }],
    });
  });

  it("refuses an unknown kind, listing the known ones", async () => {
    await expect(validatePayload("widget" as never, {})).rejects.toThrow(
      new TypeError('Unknown payload kind "widget"; use one of list, job, create-request, create-response, cancel, error'),
    );
  });

  it("quotes what it got for a payload that is wrong as a whole", async () => {
    await expect(validatePayload("job", "text")).resolves.toEqual({ valid: false, issues: [{ pointer: "/", message: 'must be object (got "text")' }] });
  });

  it("names a field whose name holds / or ~ by its escaped JSON pointer, and quotes its value", async () => {
    const job = { id: 1, status: "NEW", metrics: { exportedProfileByNamespaceCounter: { "a/b~c": -1 } } };
    expect((await validatePayload("job", job)).issues).toEqual([{ pointer: "/metrics/exportedProfileByNamespaceCounter/a~1b~0c", message: "must be >= 0 (got -1)" }]);
  });

  it("quotes a value up to 60 characters, and cuts a longer one short", async () => {
    const issue = async (status: string) => (await validatePayload("job", { id: 1, status })).issues[0]!.message;
    expect(await issue("S".repeat(58))).toBe(`must be one of NEW, PROCESSING, SUCCEEDED, FAILED (got "${"S".repeat(58)}")`);
    expect(await issue("S".repeat(59))).toBe(`must be one of NEW, PROCESSING, SUCCEEDED, FAILED (got "${"S".repeat(59)}…)`);
  });

  it("quotes a value built in code that has no JSON form, rather than fail", async () => {
    expect((await validatePayload("job", { id: 1n, status: "NEW" })).issues).toEqual([{ pointer: "/id", message: "must be integer (got 1)" }]);
  });

  it("lists what each accepted form wants instead of saying that none matched", async () => {
    const job = { id: 1, status: "NEW", destination: { datasetId: "d", batches: "x" } };
    expect((await validatePayload("job", job)).issues).toEqual([
      { pointer: "/destination/batches", message: 'must be array (got "x")' },
      { pointer: "/destination/batches", message: 'must be object (got "x")' },
    ]);
    expect((await validatePayload("error", { message: 5 })).issues).toEqual([
      { pointer: "/error_code", message: "is required" },
      { pointer: "/message", message: "must be string (got 5)" },
      { pointer: "/title", message: "is required" },
      { pointer: "/status", message: "is required" },
    ]);
  });

  it("says once what several accepted forms all say", async () => {
    expect((await validatePayload("error", 5)).issues).toEqual([{ pointer: "/", message: "must be object (got 5)" }]);
  });
});
