import { describe, expect, it } from "vitest";
import {
  createExportJob,
  createExportJobsClient,
  createImsTokenProvider,
  ExportJobsApiError,
  ExportJobsConfigError,
  ExportJobsNetworkError,
  ExportJobsPaginationError,
  ExportJobsTimeoutError,
  ExportJobsValidationError,
  ImsTokenError,
  cancelExportJob,
  iterateExportJobs,
  listExportJobs,
  retrieveExportJob,
  waitForExportJob,
} from "../../src/index.js";
import { credentials, fakeFetch, json, type Answer } from "../support/fake-fetch.js";

async function failure(answer: Answer): Promise<any> {
  const api = fakeFetch(answer);
  const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: false });
  const error = await retrieveExportJob(client, 11037).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, requestId: api.requests[0]?.headers.get("x-request-id") };
}

describe("ExportJobsApiError", () => {
  it("reads the gateway's shape", async () => {
    const { error, requestId } = await failure(json({ error_code: "401013", message: "Oauth token is not valid" }, 401));
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error).toMatchObject({ status: 401, code: "401013", method: "GET", path: "/export/jobs/11037", requestId });
    expect(error.message).toContain("Oauth token is not valid");
    expect(error.message).toContain(requestId);
  });

  it("built without request ids (by a test double, say), quotes none", () => {
    const error = new ExportJobsApiError({ status: 404, method: "GET", path: "/export/jobs/7", body: { title: "Not Found" } });
    expect(error.message).toBe("GET /export/jobs/7 failed with HTTP 404: Not Found");
  });

  it("reads the service's problem shape", async () => {
    const body = {
      type: "https://ns.adobe.com/aep/errors/UPAPI-403-0001",
      title: "Forbidden",
      status: 403,
      requestId: "svc-1",
      errors: { "403": [{ code: "UPAPI-403-0001", message: "No permission for this sandbox" }] },
    };
    const { error } = await failure(json(body, 403));
    expect(error).toMatchObject({ status: 403, code: "UPAPI-403-0001", title: "Forbidden", body });
    expect(error.message).toContain("No permission for this sandbox");
  });

  it("reads a problem with a detail", async () => {
    const { error } = await failure(json({ status: 400, title: "BadRequestError", detail: "A valid content-type must be specified" }, 400));
    expect(error.message).toContain("BadRequestError: A valid content-type must be specified");
  });

  it("covers an HTML error page", async () => {
    const { error } = await failure(new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } }));
    expect(error).toMatchObject({ status: 502, code: undefined });
    expect(error.message).toContain("HTML page");
  });

  it("covers an empty body, even one that claims to be JSON", async () => {
    const { error } = await failure(new Response("", { status: 500, headers: { "content-type": "application/json" } }));
    expect(error).toMatchObject({ status: 500 });
    expect(error.message).toContain("no body");
  });

  it("covers a successful answer whose body is not JSON", async () => {
    const { error } = await failure(new Response("{not json", { status: 200, headers: { "content-type": "application/json" } }));
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error).toMatchObject({ status: 200 });
    expect(error.message).toContain("not valid JSON");
  });

  it("turns a failed connection into a network error that names the request", async () => {
    const { error } = await failure(new TypeError("fetch failed"));
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect(error.message).toContain("GET /export/jobs/11037");
  });

  it("never contains the token or API key, even when the server echoes them", async () => {
    const echo = (request: Request) =>
      json({ error_code: "401013", message: `bad ${request.headers.get("authorization")} for ${request.headers.get("x-api-key")}` }, 401);
    const { error } = await failure(echo);
    const everything = JSON.stringify({ message: error.message, ...error, stack: error.stack });
    expect(everything).toContain("[redacted]");
    expect(everything).not.toContain("S3cr3t");
  });
});

// A create that got no usable answer may have started an export all the same: the error says so,
// so that nobody repeats it blindly. A refusal (4xx), or a connection that never opened, did not.
describe("whether a failed create may have started a job", () => {
  async function createFailure(answer: Answer): Promise<any> {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(answer).fetch });
    return createExportJob(client, { destination: { datasetId: "5b7c86968f7b6501e21ba9df" }, schema: { name: "_xdm.context.profile" } }).then(
      () => undefined,
      (e: unknown) => e,
    );
  }
  const closedAfterSending = () => new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
  const refused = () => new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
  const unresolved = () => new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND platform.adobe.io"), { code: "ENOTFOUND" }) });

  it.each([
    ["a server error", () => json({ error_code: "500", message: "Internal error" }, 500), true],
    ["a gateway timeout page", () => new Response("<html>504</html>", { status: 504 }), true],
    ["a success whose body cannot be read", () => new Response("{not json", { status: 200 }), true],
    ["a connection closed after sending", closedAfterSending, true],
    ["a refusal of the body", () => json({ error_code: "400", message: "Bad request" }, 400), false],
    ["rate limiting", () => json({ error_code: "429", message: "Too many requests" }, 429), false],
    ["a refused connection", refused, false],
    ["a name that does not resolve", unresolved, false],
  ] as const)("%s", async (_what, answer, uncertain) => {
    const error = await createFailure(answer());
    expect(error.mayHaveTakenEffect).toBe(uncertain);
    expect(error.message.includes("may have been carried out all the same")).toBe(uncertain);
  });

  it("keeps what fetch threw as the cause", async () => {
    const thrown = closedAfterSending();
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(thrown).fetch, retry: false });
    const error = await retrieveExportJob(client, 7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect((error as Error).cause).toBe(thrown);
  });

  it("is never said of a read, which is safe to repeat", async () => {
    const { error } = await failure(json({ error_code: "500", message: "Internal error" }, 500));
    expect(error.mayHaveTakenEffect).toBe(false);
    const { error: network } = await failure(new TypeError("fetch failed"));
    expect(network.mayHaveTakenEffect).toBe(false);
    expect(network.message).not.toContain("carried out");
  });
});

describe("a failed create whose connection never opened", () => {
  const failing = (code: string) => new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });
  async function createFailure(answer: Answer): Promise<any> {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(answer).fetch });
    return createExportJob(client, { destination: { datasetId: "5b7c86968f7b6501e21ba9df" }, schema: { name: "_xdm.context.profile" } }).catch((e: unknown) => e);
  }

  // Each of these fails while connecting (or while checking the server's certificate), before a
  // byte of the request is written: the job cannot have been started.
  it.each([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "UND_ERR_CONNECT_TIMEOUT",
    "CERT_HAS_EXPIRED",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "ERR_TLS_CERT_ALTNAME_INVALID",
  ])("%s: did not take effect", async (code) => {
    const error = await createFailure(failing(code));
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect(error.mayHaveTakenEffect).toBe(false);
    expect(error.message).toContain(`fetch failed (connect ${code})`);
  });

  it("finds the code however deep fetch wrapped it", async () => {
    const deep = new TypeError("fetch failed", { cause: new Error("wrapped", { cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }) }) });
    expect((await createFailure(deep)).mayHaveTakenEffect).toBe(false);
  });

  it("a code it does not know, or one that is not text, leaves the doubt", async () => {
    expect((await createFailure(failing("ECONNRESET"))).mayHaveTakenEffect).toBe(true);
    const numeric = new TypeError("fetch failed", { cause: Object.assign(new Error("odd"), { code: 111 }) });
    expect((await createFailure(numeric)).mayHaveTakenEffect).toBe(true);
  });

  it("a cause of null leaves the doubt", async () => {
    const error = await createFailure(new TypeError("fetch failed", { cause: null }));
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect(error.mayHaveTakenEffect).toBe(true);
  });

  it("a cause chain that loops back on itself ends, with the doubt kept", async () => {
    const inner = new Error("inner");
    const outer = new TypeError("fetch failed", { cause: inner });
    (inner as { cause?: unknown }).cause = outer;
    const error = await createFailure(outer);
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect(error.mayHaveTakenEffect).toBe(true);
  });
});

describe("a network error", () => {
  it("quotes the request id that was sent", async () => {
    const { error, requestId } = await failure(new TypeError("fetch failed"));
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.requestId).toBe(requestId);
    expect(error.message).toBe(`GET /export/jobs/11037 got no answer: fetch failed (request id ${requestId})`);
  });

  it("says it timed out when fetch itself gave up with a TimeoutError", async () => {
    const { error } = await failure(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect(error.timedOut).toBe(true);
    const { error: reset } = await failure(new TypeError("fetch failed"));
    expect(reset.timedOut).toBe(false);
  });

  it("built without a request id (by a test double, say), quotes none", () => {
    const error = new ExportJobsNetworkError("GET", "/export/jobs", undefined, { cause: new TypeError("fetch failed") });
    expect(error.message).toBe("GET /export/jobs got no answer: fetch failed");
  });

  it("shows what was thrown when it is not an Error", async () => {
    const { error } = await failure(() => {
      throw "socket hang up";
    });
    expect(error.message).toContain("got no answer: socket hang up");
  });
});

describe("each error class names itself", () => {
  it("in error.name, so that logs and instanceof-free checks can tell them apart", async () => {
    const { error: api } = await failure(json({ error_code: "404", message: "Not found" }, 404));
    const { error: network } = await failure(new TypeError("fetch failed"));
    const config = (() => {
      try {
        createExportJobsClient({ ...credentials, apiKey: "" });
      } catch (e) {
        return e;
      }
    })();
    const validation = await retrieveExportJob(createExportJobsClient(credentials), 0).catch((e: unknown) => e);
    const timeout = await waitForExportJob(createExportJobsClient({ ...credentials, fetch: fakeFetch(json({ id: 1, status: "NEW" })).fetch }), 1, { timeoutMs: 1 }).catch(
      (e: unknown) => e,
    );
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(json({ records: [{ id: 1, status: "NEW" }], link: { next: "https://elsewhere.example/?offset=2" } })).fetch });
    const pagination = await (async () => {
      for await (const _ of iterateExportJobs(client)) void _;
    })().catch((e: unknown) => e);
    const ims = await createImsTokenProvider({ clientId: "id", clientSecret: "S3cr3t-client-secret", scopes: "openid", fetch: fakeFetch(new TypeError("down")).fetch })().catch(
      (e: unknown) => e,
    );
    const cases: [unknown, new (...args: never[]) => Error][] = [
      [api, ExportJobsApiError],
      [network, ExportJobsNetworkError],
      [config, ExportJobsConfigError],
      [validation, ExportJobsValidationError],
      [timeout, ExportJobsTimeoutError],
      [pagination, ExportJobsPaginationError],
      [ims, ImsTokenError],
    ];
    for (const [error, type] of cases) {
      expect(error).toBeInstanceOf(type);
      expect((error as Error).name).toBe(type.name);
      expect(String(error)).toMatch(new RegExp(`^${type.name}: `));
    }
  });
});

describe("validation errors say which way the mismatch went", () => {
  it("a request refused before sending says nothing was sent", async () => {
    const api = fakeFetch(json({ records: [] }));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, validateRequests: true });
    const error = await client.GET("/export/jobs", { params: { query: { limit: 0, status: "DONE" as never } } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ direction: "request", operationId: "listExportJobs" });
    expect((error as Error).message).toBe(
      'Invalid listExportJobs request, nothing was sent: query/limit must be >= 1 (got 0); query/status must be one of NEW, SUCCEEDED, FAILED (got "DONE")',
    );
    expect(api.requests).toHaveLength(0);
  });

  it("a response that does not match says so, naming the operation", async () => {
    const api = fakeFetch(json({ id: 7, status: "DONE" }));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, validateResponses: true });
    const error = await retrieveExportJob(client, 7).catch((e: unknown) => e);
    expect(error).toMatchObject({ direction: "response", operationId: "retrieveExportJob" });
    expect((error as Error).message).toMatch(/^The retrieveExportJob response does not match the description: \/status must be one of /);
  });
});

// A successful body that is not what the operation promises is an API error saying what is wrong
// with it, so that nobody reads `job.id` off a string.
describe("a successful body of the wrong shape", () => {
  async function wrong(call: "retrieve" | "list" | "cancel", body: unknown): Promise<string> {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(json(body)).fetch, retry: false });
    const calls = { retrieve: () => retrieveExportJob(client, 7), list: () => listExportJobs(client), cancel: () => cancelExportJob(client, 7) };
    const error = await calls[call]().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error).toMatchObject({ status: 200 });
    return (error as Error).message.replace(/ \(request id [^)]*\)$/, "");
  }

  it.each([
    ["an array", []],
    ["null", null],
    ["text", "job"],
  ])("a job that is %s", async (_what, body) => {
    expect(await wrong("retrieve", body)).toBe("GET /export/jobs/7 failed with HTTP 200: the response body is not an export job (a JSON object)");
  });

  it.each([
    ["missing", { status: "NEW" }],
    ["text", { id: "7", status: "NEW" }],
    ["a fraction", { id: 7.5, status: "NEW" }],
    ["beyond a safe integer", { id: 2 ** 53, status: "NEW" }],
  ])("a job whose id is %s", async (_what, body) => {
    expect(await wrong("retrieve", body)).toBe("GET /export/jobs/7 failed with HTTP 200: the response body is not an export job: its id is not an integer");
  });

  it("a job that is not there at all: an empty body", async () => {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(new Response("", { status: 200 })).fetch });
    const error = await retrieveExportJob(client, 7).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 200, body: undefined });
    expect((error as Error).message).toMatch(/^GET \/export\/jobs\/7 failed with HTTP 200: the response has no body \(request id [\w-]+\)$/);
  });

  it("a job whose status is not text", async () => {
    expect(await wrong("retrieve", { id: 7, status: 1 })).toBe("GET /export/jobs/7 failed with HTTP 200: the response body is not an export job: its status is not a string");
  });

  it.each([
    ["an array", [], "is not a list of export jobs (a JSON object)"],
    ["without records", { page: {} }, "is not a list of export jobs: its records are not an array"],
    ["with a second record that is not a job", { records: [{ id: 1, status: "NEW" }, { id: 2 }] }, "has a record 1 that is not an export job: its status is not a string"],
  ])("a list that is %s", async (_what, body, problem) => {
    expect(await wrong("list", body)).toBe(`GET /export/jobs failed with HTTP 200: the response body ${problem}`);
  });

  it.each([
    ["an array", [], "is not a cancellation result (a JSON object)"],
    ["a status that is text", { status: "true" }, "is not a cancellation result: its status is not true or false"],
    ["a message that is a number", { message: 1 }, "is not a cancellation result: its message is not text"],
  ])("a cancellation that is %s", async (_what, body, problem) => {
    expect(await wrong("cancel", body)).toBe(`DELETE /export/jobs/7 failed with HTTP 200: the response body ${problem}`);
  });

  it("a cancellation with neither status nor message is an acceptance", async () => {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(json({})).fetch });
    await expect(cancelExportJob(client, 7)).resolves.toEqual({ jobId: 7, httpStatus: 200, accepted: true });
  });
});

// What an error says is read off whatever the API sent, so each shape of body gets a message.
describe("how an error answer reads", () => {
  const message = async (answer: Answer) => {
    const { error, requestId } = await failure(answer);
    return (error as Error).message.replace(` (request id ${requestId})`, "");
  };
  const head = "GET /export/jobs/11037 failed with HTTP";

  it.each([
    ["a gateway error without a message", { error_code: "403003" }, `${head} 403 403003: no message`],
    ["a numeric gateway code", { error_code: 403003, message: "Api Key is invalid" }, `${head} 403 403003: Api Key is invalid`],
    ["a blank gateway code", { error_code: " ", title: "Forbidden" }, `${head} 403: Forbidden`],
    ["a problem with a title alone", { title: "Forbidden" }, `${head} 403: Forbidden`],
    ["a problem whose first detailed error explains it", { title: "Forbidden", errors: { a: [{ code: "X-1", message: "first" }, { message: "second" }] } }, `${head} 403 X-1: Forbidden: first`],
    ["errors given as a list", { errors: [{ code: "X-2", message: "listed" }] }, `${head} 403 X-2: listed`],
    ["errors that are null", { title: "Forbidden", errors: null }, `${head} 403: Forbidden`],
    ["an object with nothing known in it", { unexpected: true }, `${head} 403: {"unexpected":true}`],
    ["an array", [1, 2], `${head} 403: the body is not an error object: [1,2]`],
    ["null", null, `${head} 403: the body is not an error object: null`],
    ["a number", 42, `${head} 403: the body is not an error object: 42`],
  ])("%s", async (_what, body, expected) => {
    expect(await message(json(body, 403))).toBe(expected);
  });

  it("cuts long fields short", async () => {
    const text = await message(json({ error_code: "E".repeat(50), message: "m".repeat(250) }, 403));
    expect(text).toBe(`${head} 403 ${"E".repeat(40)}…: ${"m".repeat(200)}…`);
    const raw = await message(new Response("x".repeat(250), { status: 502 }));
    expect(raw).toBe(`${head} 502: the response is not JSON: ${"x".repeat(200)}…`);
    const whole = await message(new Response("x".repeat(200), { status: 502 }));
    expect(whole).toBe(`${head} 502: the response is not JSON: ${"x".repeat(200)}`);
  });

  it("tells an HTML page, even after white space, from other text", async () => {
    expect(await message(new Response("\n  <!doctype html><p>busy</p>", { status: 503 }))).toBe(`${head} 503: the response is an HTML page, not JSON`);
    expect(await message(new Response("busy <b>now</b>", { status: 503 }))).toBe(`${head} 503: the response is not JSON: busy <b>now</b>`);
  });

  it("quotes the platform's request id once when it is the one the client sent", async () => {
    const { error, requestId } = await failure((request) => json({ title: "Forbidden", requestId: request.headers.get("x-request-id") }, 403));
    expect(error.message).toBe(`${head} 403: Forbidden (request id ${requestId})`);
    expect(error.platformRequestId).toBe(requestId);
  });

  it("keeps the Retry-After the API asked for", async () => {
    const { error } = await failure(json({ error_code: "429001", message: "Too many requests" }, 429, { "retry-after": "7" }));
    expect(error.retryAfterMs).toBe(7_000);
  });

  it("a timeout while waiting names the job, the time and what was last seen", () => {
    expect(new ExportJobsTimeoutError(7, "PROCESSING", 1_000).message).toBe("Export job 7 did not finish within 1000 ms; its last status was PROCESSING");
  });
});

