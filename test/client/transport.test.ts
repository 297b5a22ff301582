// One HTTP attempt as a caller sees it: where requests may go, what an answer at a limit does,
// what the caller's abort and the logging hook report, and a response read in each of the ways
// openapi-fetch can be asked to read it.
import { describe, expect, it } from "vitest";
import {
  cancelExportJob,
  createExportJob,
  createExportJobsClient,
  type CreateExportJobRequest,
  ExportJobsApiError,
  ExportJobsConfigError,
  ExportJobsNetworkError,
  ExportJobsValidationError,
  type ExportJobsClient,
  retrieveExportJob,
  type RequestInfo,
} from "../../src/index.js";
import { nextAttempt } from "../../src/retry.js";
import { DEFAULT_RETRY } from "../../src/retry-loop.js";
import { exampleValue } from "../support/openapi.js";
import { credentials, fakeFetch, json } from "../support/fake-fetch.js";

const job = exampleValue("job-succeeded") as { id: number; status: string };
const jobPath = { params: { path: { EXPORT_JOB_ID: job.id } } };
const createRequest = exampleValue("create-request-minimal") as CreateExportJobRequest;

describe("where requests may go", () => {
  it("any 127.x address is this machine, so plain http is accepted for it", async () => {
    const api = fakeFetch(json(job));
    const client = createExportJobsClient({ ...credentials, baseUrl: "http://127.0.0.2:4010", fetch: api.fetch });
    await expect(retrieveExportJob(client, job.id)).resolves.toMatchObject({ id: job.id });
    expect(api.requests[0]!.url).toBe(`http://127.0.0.2:4010/export/jobs/${job.id}`);
  });

  it.each([
    ["timeoutMs", { timeoutMs: 0 }],
    ["maxResponseBytes", { maxResponseBytes: -1 }],
  ])("a refused %s is named in the error", (option, options) => {
    expect(() => createExportJobsClient({ ...credentials, ...options })).toThrow(new ExportJobsConfigError(`${option} must be a positive number, got ${Object.values(options)[0]}`));
  });
});

describe("an answer at the size limit", () => {
  const body = JSON.stringify(job);
  const bytes = new TextEncoder().encode(body).length;

  it("is read when it is exactly maxResponseBytes long", async () => {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(json(job)).fetch, maxResponseBytes: bytes });
    await expect(retrieveExportJob(client, job.id)).resolves.toMatchObject({ id: job.id });
  });

  it("is refused one byte over", async () => {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(json(job)).fetch, maxResponseBytes: bytes - 1, retry: false });
    await expect(retrieveExportJob(client, job.id)).rejects.toThrow(`larger than ${bytes - 1} bytes (maxResponseBytes)`);
  });
});

describe("the caller's abort and the logging hook", () => {
  it.each([
    ["a helper", {}, (client: ExportJobsClient, signal: AbortSignal) => retrieveExportJob(client, job.id, { signal })],
    ["client.GET, with retries off", { retry: false as const }, (client: ExportJobsClient, signal: AbortSignal) => client.GET("/export/jobs/{EXPORT_JOB_ID}", { ...jobPath, signal })],
  ])("an abort while waiting for the answer rejects %s with the caller's reason, not a network error", async (_, options, call) => {
    const controller = new AbortController();
    const reason = new Error("the caller gave up");
    const api = fakeFetch(
      (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
          controller.abort(reason);
        }),
    );
    const client = createExportJobsClient({ ...credentials, ...options, fetch: api.fetch });
    await expect(call(client, controller.signal)).rejects.toBe(reason);
    expect(api.requests).toHaveLength(1);
  });

  it("a token function that does not return within timeoutMs fails the attempt, saying so, and nothing is sent", async () => {
    const api = fakeFetch(json(job));
    const client = createExportJobsClient({ ...credentials, accessToken: () => new Promise<string>(() => undefined), fetch: api.fetch, timeoutMs: 50, retry: false });
    const error = await retrieveExportJob(client, job.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect((error as Error).message).toMatch(/^GET \/export\/jobs\/\d+ got no answer: the access token function did not return within 50 ms \(request id [\w-]+\)$/);
    expect(error).toMatchObject({ timedOut: true });
    expect(api.requests).toHaveLength(0);
  });

  it("a create whose answer breaks off while being read may have been carried out", async () => {
    const breaking = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":'));
        controller.error(new Error("connection reset"));
      },
    });
    const client = createExportJobsClient({ ...credentials, fetch: (async () => new Response(breaking, { status: 200 })) as typeof fetch });
    const error = await createExportJob(client, createRequest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect(error).toMatchObject({ mayHaveTakenEffect: true });
  });

  it("onRequest reports how long the attempt took", async () => {
    const attempts: RequestInfo[] = [];
    const slow = fakeFetch(() => new Promise<Response>((resolve) => setTimeout(() => resolve(json(job)), 30)));
    const client = createExportJobsClient({ ...credentials, fetch: slow.fetch, onRequest: (info) => attempts.push(info) });
    await retrieveExportJob(client, job.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.durationMs).toBeGreaterThanOrEqual(25);
    expect(attempts[0]!.durationMs).toBeLessThan(5_000);
  });
});

describe("a response read the ways openapi-fetch can read it", () => {
  const client = () => createExportJobsClient({ ...credentials, fetch: fakeFetch(json(job)).fetch });

  it("as a stream", async () => {
    const { data } = await client().GET("/export/jobs/{EXPORT_JOB_ID}", { ...jobPath, parseAs: "stream" });
    expect(JSON.parse(await new Response(data as ReadableStream).text())).toEqual(job);
  });

  it("as a blob, typed as the answer was", async () => {
    const { data } = await client().GET("/export/jobs/{EXPORT_JOB_ID}", { ...jobPath, parseAs: "blob" });
    expect((data as Blob).type).toBe("application/json");
    expect(JSON.parse(await (data as Blob).text())).toEqual(job);
  });

  it("as a blob of no stated type when the answer states none", async () => {
    const untyped = fakeFetch(new Response(new TextEncoder().encode(JSON.stringify(job))));
    const { data } = await createExportJobsClient({ ...credentials, fetch: untyped.fetch }).GET("/export/jobs/{EXPORT_JOB_ID}", { ...jobPath, parseAs: "blob" });
    expect((data as Blob).type).toBe("");
  });

  it("an error answer keeps the headers the server sent, with the request id added", async () => {
    const body = '{"title":"Forbidden"}';
    const api = fakeFetch(new Response(body, { status: 403, headers: { "content-type": "application/problem+json", "content-length": String(body.length) } }));
    const { response } = await createExportJobsClient({ ...credentials, fetch: api.fetch }).GET("/export/jobs/{EXPORT_JOB_ID}", jobPath);
    expect(response.headers.get("content-length")).toBe(String(body.length));
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("x-request-id")).toBe(api.requests[0]!.headers.get("x-request-id"));
  });

  it("as bytes", async () => {
    const { data } = await client().GET("/export/jobs/{EXPORT_JOB_ID}", { ...jobPath, parseAs: "arrayBuffer" });
    expect(JSON.parse(new TextDecoder().decode(data as ArrayBuffer))).toEqual(job);
  });

  it("a response without a body has none to stream", async () => {
    const api = fakeFetch(new Response(null, { status: 204 }));
    const { response } = await createExportJobsClient({ ...credentials, fetch: api.fetch }).DELETE("/export/jobs/{EXPORT_JOB_ID}", jobPath);
    expect(response.body).toBeNull();
  });
});

describe("what a helper sends and reads", () => {
  it("a create sends profileInstanceId as x-profile-instance-id, and no such header without it", async () => {
    const api = fakeFetch(json(job));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch });
    await createExportJob(client, createRequest, { profileInstanceId: "ups" });
    await createExportJob(client, createRequest);
    expect(api.requests.map((sent) => sent.headers.get("x-profile-instance-id"))).toEqual(["ups", null]);
  });

  it("a cancel acknowledged with an empty object is accepted, with no message", async () => {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(json({})).fetch });
    await expect(cancelExportJob(client, 7)).resolves.toStrictEqual({ jobId: 7, httpStatus: 200, accepted: true });
  });

  it("a cancel answered 200 with no body is accepted", async () => {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(new Response("", { status: 200 })).fetch });
    await expect(cancelExportJob(client, 7)).resolves.toEqual({ jobId: 7, httpStatus: 200, accepted: true });
  });
});

describe("validation of what has no JSON to check", () => {
  it("validateRequests refuses a create without a body", async () => {
    const api = fakeFetch(json(job));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, validateRequests: true });
    const error = await client.POST("/export/jobs", {} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsValidationError);
    expect((error as Error).message).toBe("Invalid createExportJob request, nothing was sent: body is required");
    expect(api.requests).toHaveLength(0);
  });

  it("validateRequests refuses a create whose body is not JSON", async () => {
    const api = fakeFetch(json(job));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, validateRequests: true });
    const error = await client.POST("/export/jobs", { body: {} as never, bodySerializer: () => "{not json" }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("Invalid createExportJob request, nothing was sent: body is not valid JSON");
    expect(api.requests).toHaveLength(0);
  });

  it("validateResponses names a success whose body is not JSON", async () => {
    const api = fakeFetch(new Response("<html>maintenance</html>", { status: 200, headers: { "content-type": "text/html" } }));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, validateResponses: true });
    const error = await client.GET("/export/jobs/{EXPORT_JOB_ID}", jobPath).catch((e: unknown) => e);
    expect((error as Error).message).toBe("The retrieveExportJob response does not match the description: / is not valid JSON");
  });
});

describe("Retry-After at the longest wait allowed", () => {
  it("is waited for: maxDelayMs is the longest wait, not one past it", () => {
    const answer = json({}, 503, { "retry-after": String(DEFAULT_RETRY.maxDelayMs / 1000) });
    expect(nextAttempt("GET", { response: answer }, { retries: 0, refreshed: false }, DEFAULT_RETRY, false)).toEqual({ delayMs: DEFAULT_RETRY.maxDelayMs, refresh: false });
  });
});

describe("an answer whose status is outside HTTP's range", () => {
  // A fetch passed in can hand back anything: a network error's status 0, or a made-up status.
  class StatusOf extends Response {
    constructor(readonly fakeStatus: number) {
      super("{}", { status: 200 });
    }
    override get status() {
      return this.fakeStatus;
    }
  }
  const answering = (response: Response) => createExportJobsClient({ ...credentials, fetch: (async () => response) as typeof fetch, retry: false });

  it.each([
    ["a network error", () => Response.error(), 0],
    ["status 199", () => new StatusOf(199), 199],
    ["status 600", () => new StatusOf(600), 600],
  ])("%s is refused as one", async (_, answer, status) => {
    const error = await retrieveExportJob(answering(answer()), job.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error).toMatchObject({ status });
    expect((error as Error).message).toContain("the status is outside HTTP's range");
  });

  it("599 is in range: an error answer like any other", async () => {
    const error = await retrieveExportJob(answering(json({ error_code: "x", message: "odd" }, 599)), job.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 599, code: "x" });
  });
});

describe("ExportJobsApiError from a transport refusal", () => {
  it("is what a body over the cap is, with the status it came with", async () => {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(json(job, 200)).fetch, maxResponseBytes: 8, retry: false });
    await expect(retrieveExportJob(client, job.id)).rejects.toSatisfy((error) => error instanceof ExportJobsApiError && error.status === 200);
  });
});
