// Faults from a real loopback HTTP server: throttling, server errors, resets, answers that never
// come, and bodies that are not what they claim. Idempotent requests (GET, DELETE) are retried;
// a create (POST) never is, since repeating it could start a second export.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  cancelExportJob,
  createExportJob,
  createExportJobsClient,
  ExportJobsApiError,
  ExportJobsNetworkError,
  retrieveExportJob,
} from "../../src/index.js";
import { closeScriptedServers, json, scriptedServer, type Behaviour, type Received } from "../support/scripted-server.js";

const TOKEN = "S3cr3t-fault-token";
// Long enough for the request to reach the server on a busy machine.
const CALLER_TIMEOUT_MS = 1_000;
const API_KEY = "S3cr3t-fault-api-key";

// ---- the three kinds of request ------------------------------------------------------------

type Method = "GET" | "DELETE" | "POST";

const success: Record<Method, Behaviour> = {
  GET: json(200, { id: 7, status: "PROCESSING" }),
  DELETE: json(200, { status: true, message: "Export job has been marked for cancelling" }),
  POST: json(200, { id: 7, status: "NEW" }, { "X-Location": "/export/jobs/7" }),
};

function call(method: Method, url: string, signal?: AbortSignal): Promise<unknown> {
  const client = createExportJobsClient({
    accessToken: TOKEN,
    apiKey: API_KEY,
    orgId: "1BD6382559DF0C130A49422D@AdobeOrg",
    baseUrl: url,
    // Large enough for a Retry-After of one second, small enough for quick backoff otherwise.
    retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2_000 },
  });
  if (method === "GET") return retrieveExportJob(client, 7, { signal });
  if (method === "DELETE") return cancelExportJob(client, 7, { signal });
  return createExportJob(client, { destination: { datasetId: "ds" }, schema: { name: "_xdm.context.profile" } }, { signal });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(Error);
  const error = outcome.error as Error;
  for (const secret of [TOKEN, API_KEY]) {
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  }
  return error;
}

function expectApiError(error: Error, status: number, messagePart?: string): void {
  expect(error).toBeInstanceOf(ExportJobsApiError);
  expect((error as ExportJobsApiError).status).toBe(status);
  if (messagePart) expect(error.message).toContain(messagePart);
}

const authorized = (attempt: Received) => attempt.headers.authorization === `Bearer ${TOKEN}` && attempt.headers["x-api-key"] === API_KEY;

function expectFreshAttempts(attempts: Received[], count: number, method: Method): void {
  expect(attempts).toHaveLength(count);
  for (const attempt of attempts) {
    expect(attempt.method).toBe(method);
    expect(authorized(attempt)).toBe(true);
  }
  // Each attempt is a new request with its own id.
  expect(new Set(attempts.map((a) => a.headers["x-request-id"])).size).toBe(count);
}

// ---- nothing may be left behind -------------------------------------------------------------

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  await closeScriptedServers();
  // A rejection nobody handled surfaces a tick later.
  await new Promise((resolve) => setImmediate(resolve));
  expect(unhandled.splice(0)).toEqual([]);
});

// ---- the faults -----------------------------------------------------------------------------

const transient: [string, Behaviour][] = [
  ["429 with Retry-After: 1", json(429, { error_code: "429001", message: "Too many requests" }, { "Retry-After": "1" })],
  ["500", json(500, { type: "about:blank", title: "InternalServerError", status: 500 })],
  ["502", json(502, { error_code: "502000", message: "Bad gateway" })],
  ["503", json(503, { type: "about:blank", title: "ServiceUnavailable", status: 503 }, { "Retry-After": "0" })],
  ["504", json(504, { error_code: "504000", message: "Gateway timeout" })],
  ["a connection reset", "reset"],
];

describe.each(["GET", "DELETE"] as const)("%s, which is idempotent", (method) => {
  it.each(transient)("succeeds on the retry after %s", async (_name, fault) => {
    const server = await scriptedServer(fault, success[method]);
    await expect(call(method, server.url)).resolves.toBeDefined();
    expectFreshAttempts(server.received, 2, method);
  });

  it("gives up after three retries of a persistent 503, with the API error", async () => {
    const server = await scriptedServer(json(503, { type: "about:blank", title: "ServiceUnavailable", status: 503 }));
    expectApiError(await failure(call(method, server.url)), 503, "ServiceUnavailable");
    expectFreshAttempts(server.received, 4, method);
  });

  it("gives up after three retries of persistent resets, with a network error", async () => {
    const server = await scriptedServer("reset");
    const error = await failure(call(method, server.url));
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expectFreshAttempts(server.received, 4, method);
  });

  it("does not wait for a Retry-After longer than it may wait, and reports it", async () => {
    const server = await scriptedServer(json(429, { error_code: "429001", message: "Too many requests" }, { "Retry-After": "3600" }), success[method]);
    const error = await failure(call(method, server.url));
    expectApiError(error, 429, "Too many requests");
    expect((error as ExportJobsApiError).retryAfterMs).toBe(3_600_000);
    expectFreshAttempts(server.received, 1, method);
  });

  it("retries an HTML error page with 502, then reports it as such", async () => {
    const html: Behaviour = { status: 502, headers: { "content-type": "text/html" }, body: "<html><body><h1>502 Bad Gateway</h1></body></html>" };
    const server = await scriptedServer(html);
    expectApiError(await failure(call(method, server.url)), 502, "HTML page");
    expectFreshAttempts(server.received, 4, method);
  });

  it("retries an empty 500 that claims to be JSON, then reports it as such", async () => {
    const server = await scriptedServer({ status: 500, headers: { "content-type": "application/json" } });
    expectApiError(await failure(call(method, server.url)), 500, "no body");
    expectFreshAttempts(server.received, 4, method);
  });
});

describe("POST, which is never repeated", () => {
  it.each(transient.filter(([name]) => name !== "a connection reset"))("fails at once on %s", async (_name, fault) => {
    const server = await scriptedServer(fault, success.POST);
    const error = await failure(call("POST", server.url));
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expectFreshAttempts(server.received, 1, "POST");
  });

  it("fails at once on 503 with the API error", async () => {
    const server = await scriptedServer(json(503, { type: "about:blank", title: "ServiceUnavailable", status: 503 }), success.POST);
    expectApiError(await failure(call("POST", server.url)), 503, "ServiceUnavailable");
    expectFreshAttempts(server.received, 1, "POST");
  });

  it("fails at once on a connection reset with a network error", async () => {
    const server = await scriptedServer("reset", success.POST);
    expect(await failure(call("POST", server.url))).toBeInstanceOf(ExportJobsNetworkError);
    expectFreshAttempts(server.received, 1, "POST");
  });

  it("reports an HTML error page with 502", async () => {
    const server = await scriptedServer({ status: 502, headers: { "content-type": "text/html" }, body: "<!doctype html><title>Bad Gateway</title>" });
    expectApiError(await failure(call("POST", server.url)), 502, "HTML page");
    expectFreshAttempts(server.received, 1, "POST");
  });

  it("reports an empty 500 that claims to be JSON", async () => {
    const server = await scriptedServer({ status: 500, headers: { "content-type": "application/json" } });
    expectApiError(await failure(call("POST", server.url)), 500, "no body");
    expectFreshAttempts(server.received, 1, "POST");
  });
});

describe.each(["GET", "DELETE", "POST"] as const)("%s, whatever the method", (method) => {
  it("reports malformed JSON with 200 as an API error, without repeating", async () => {
    const server = await scriptedServer({ status: 200, headers: { "content-type": "application/json" }, body: '{"id": 7, "status": ' });
    expectApiError(await failure(call(method, server.url)), 200, "not valid JSON");
    expectFreshAttempts(server.received, 1, method);
  });

  it("ends with the caller's timeout when the body never completes", async () => {
    const server = await scriptedServer("stall-body");
    const error = await failure(call(method, server.url, AbortSignal.timeout(CALLER_TIMEOUT_MS)));
    expect(error.name).toBe("TimeoutError");
    expectFreshAttempts(server.received, 1, method);
  });

  it("ends with the caller's timeout when no answer ever comes", async () => {
    const server = await scriptedServer("no-response");
    const error = await failure(call(method, server.url, AbortSignal.timeout(CALLER_TIMEOUT_MS)));
    expect(error.name).toBe("TimeoutError");
    expectFreshAttempts(server.received, 1, method);
  });

  it("ends with the caller's abort reason when the caller gives up", async () => {
    const server = await scriptedServer("no-response");
    const controller = new AbortController();
    const pending = call(method, server.url, controller.signal);
    while (server.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error("caller gave up"));
    expect((await failure(pending)).message).toBe("caller gave up");
    expectFreshAttempts(server.received, 1, method);
  });
});
