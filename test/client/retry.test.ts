import { afterEach, describe, expect, it, vi } from "vitest";
import { cancelExportJob, createExportJob, createExportJobsClient, ExportJobsApiError, ExportJobsNetworkError, retrieveExportJob } from "../../src/index.js";
import { isIdempotent } from "../../src/policy.js";
import { backoffDelay, nextAttempt } from "../../src/retry.js";
import { parseRetryAfter } from "../../src/wire.js";
import { DEFAULT_RETRY } from "../../src/retry-loop.js";
import { credentials, fakeFetch, json, type Answer } from "../support/fake-fetch.js";

const job = { id: 11037, status: "SUCCEEDED" };
const fast = { retries: 3, minDelayMs: 1, maxDelayMs: 50 };
const body = { destination: { datasetId: "5b7c86968f7b6501e21ba9df" }, schema: { name: "_xdm.context.profile" } };

function clientWith(...answers: Answer[]) {
  const api = fakeFetch(...answers);
  return { api, client: createExportJobsClient({ ...credentials, fetch: api.fetch, retry: fast }) };
}

afterEach(() => vi.useRealTimers());

describe("retries", () => {
  it.each([429, 500, 502, 503, 504])("repeats a GET answered %i, then succeeds", async (status) => {
    const { api, client } = clientWith(json({ error_code: String(status), message: "x" }, status), json(job));
    await expect(retrieveExportJob(client, 11037)).resolves.toEqual(job);
    expect(api.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 501])("does not repeat a GET answered %i", async (status) => {
    const { api, client } = clientWith(json({ error_code: String(status), message: "x" }, status), json(job));
    await expect(retrieveExportJob(client, 11037)).rejects.toMatchObject({ status });
    expect(api.requests).toHaveLength(1);
  });

  it("gives up after the configured number of retries with the last answer", async () => {
    const { api, client } = clientWith(json({ error_code: "503", message: "busy" }, 503));
    await expect(retrieveExportJob(client, 11037)).rejects.toMatchObject({ status: 503 });
    expect(api.requests).toHaveLength(1 + fast.retries);
  });

  it("repeats a GET after a network error", async () => {
    const { api, client } = clientWith(new TypeError("fetch failed"), json(job));
    await expect(retrieveExportJob(client, 11037)).resolves.toEqual(job);
    expect(api.requests).toHaveLength(2);
  });

  it("repeats a DELETE, which is safe to repeat", async () => {
    const { api, client } = clientWith(json({ error_code: "503", message: "x" }, 503), new Response(null, { status: 204 }));
    await expect(cancelExportJob(client, 11037)).resolves.toMatchObject({ httpStatus: 204 });
    expect(api.requests).toHaveLength(2);
  });

  it.each([
    ["503", () => json({ error_code: "503", message: "x" }, 503)],
    ["429", () => json({ error_code: "429", message: "x" }, 429, { "retry-after": "0" })],
    ["a network error", () => new TypeError("fetch failed")],
  ])("never repeats a POST answered with %s", async (_what, answer) => {
    const { api, client } = clientWith(answer(), json(job));
    await expect(createExportJob(client, body)).rejects.toBeDefined();
    expect(api.requests).toHaveLength(1);
  });

  it("sends each repeat with a new request id and the credentials", async () => {
    const { api, client } = clientWith(json({ error_code: "503", message: "x" }, 503), json(job));
    await retrieveExportJob(client, 11037);
    const [first, second] = api.requests;
    expect(second!.headers.get("authorization")).toBe("Bearer S3cr3t-token-value");
    expect(second!.headers.get("x-request-id")).not.toBe(first!.headers.get("x-request-id"));
  });

  it("reports the request id of the last attempt in the error", async () => {
    const { api, client } = clientWith(json({ error_code: "503", message: "x" }, 503));
    const error = (await retrieveExportJob(client, 11037).catch((e) => e)) as ExportJobsApiError;
    expect(error.requestId).toBe(api.requests.at(-1)!.headers.get("x-request-id"));
  });

  it("waits as long as Retry-After asks", async () => {
    vi.useFakeTimers();
    const api = fakeFetch(json({ error_code: "429", message: "x" }, 429, { "retry-after": "2" }), json(job));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: { ...fast, maxDelayMs: 5_000 } });
    const pending = retrieveExportJob(client, 11037);
    await vi.advanceTimersByTimeAsync(1_900);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(pending).resolves.toEqual(job);
    expect(api.requests).toHaveLength(2);
  });

  it("does not wait for a Retry-After beyond maxDelayMs, and returns the answer", async () => {
    const { api, client } = clientWith(json({ error_code: "429", message: "x" }, 429, { "retry-after": "3600" }), json(job));
    const error = (await retrieveExportJob(client, 11037).catch((e) => e)) as ExportJobsApiError;
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
    expect(api.requests).toHaveLength(1);
  });

  it("stops waiting when the signal aborts", async () => {
    const api = fakeFetch(json({ error_code: "503", message: "x" }, 503, { "retry-after": "10" }));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: { retries: 3, maxDelayMs: 60_000 } });
    const controller = new AbortController();
    const pending = retrieveExportJob(client, 11037, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(pending).rejects.toThrow("stop");
    expect(api.requests).toHaveLength(1);
  });

  it("ends with the last attempt's network error when every attempt fails", async () => {
    const { api, client } = clientWith(json({ error_code: "503", message: "x" }, 503), new TypeError("fetch failed", { cause: new Error("socket closed") }));
    const error = await retrieveExportJob(client, 11037).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect((error as Error).message).toContain("got no answer: fetch failed (socket closed)");
    expect(api.requests).toHaveLength(1 + fast.retries);
  });

  it("sends nothing again with retries: 0", async () => {
    const api = fakeFetch(json({ error_code: "503", message: "x" }, 503));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: { retries: 0 } });
    await expect(retrieveExportJob(client, 1)).rejects.toMatchObject({ status: 503 });
    expect(api.requests).toHaveLength(1);
  });

  it.each([
    [{ retries: -1 }, "retry.retries must be a whole number, 0 or more, got -1"],
    [{ retries: 1.5 }, "retry.retries must be a whole number, 0 or more, got 1.5"],
    [{ retries: "2" }, 'retry.retries must be a whole number, 0 or more, got "2"'],
    [{ minDelayMs: 0 }, "retry.minDelayMs must be a positive number, got 0"],
    [{ maxDelayMs: -5 }, "retry.maxDelayMs must be a positive number, got -5"],
  ])("refuses the retry options %j at creation", (retry, message) => {
    expect(() => createExportJobsClient({ ...credentials, retry: retry as never })).toThrow(expect.objectContaining({ name: "ExportJobsConfigError", message }));
  });

  it("by default repeats three times, the first after 250 to 500 ms", async () => {
    vi.useFakeTimers();
    const api = fakeFetch(json({ error_code: "503", message: "x" }, 503));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch });
    const outcome = retrieveExportJob(client, 1).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(249);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(251);
    expect(api.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await outcome).toMatchObject({ status: 503 });
    expect(api.requests).toHaveLength(4);
  });

  it("does not retry at all with retry: false", async () => {
    const api = fakeFetch(json({ error_code: "503", message: "x" }, 503));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: false });
    await expect(retrieveExportJob(client, 1)).rejects.toMatchObject({ status: 503 });
    expect(api.requests).toHaveLength(1);
  });
});

describe("refreshing the token on 401", () => {
  function provider() {
    let n = 0;
    const fn = Object.assign(async () => `token-${n}`, { invalidate: () => void n++ });
    return fn;
  }

  it("asks for a new token and repeats a GET once", async () => {
    const api = fakeFetch(json({ error_code: "401013", message: "expired" }, 401), json(job));
    const client = createExportJobsClient({ ...credentials, accessToken: provider(), fetch: api.fetch, retry: fast });
    await expect(retrieveExportJob(client, 1)).resolves.toEqual(job);
    expect(api.requests.map((r) => r.headers.get("authorization"))).toEqual(["Bearer token-0", "Bearer token-1"]);
  });

  it("repeats only once when the new token is refused too", async () => {
    const api = fakeFetch(json({ error_code: "401013", message: "expired" }, 401));
    const client = createExportJobsClient({ ...credentials, accessToken: provider(), fetch: api.fetch, retry: fast });
    await expect(retrieveExportJob(client, 1)).rejects.toMatchObject({ status: 401 });
    expect(api.requests).toHaveLength(2);
  });

  it("does not repeat a POST, but the next request gets a new token", async () => {
    const api = fakeFetch(json({ error_code: "401013", message: "expired" }, 401), json(job));
    const client = createExportJobsClient({ ...credentials, accessToken: provider(), fetch: api.fetch, retry: fast });
    await expect(createExportJob(client, body)).rejects.toMatchObject({ status: 401 });
    expect(api.requests).toHaveLength(1);
    await retrieveExportJob(client, 1);
    expect(api.requests[1]!.headers.get("authorization")).toBe("Bearer token-1");
  });

  function counted() {
    let n = 0;
    const fn = Object.assign(async () => `token-${n}`, { invalidate: () => void n++, dropped: () => n });
    return fn;
  }

  it.each([429, 500, 503])("keeps the token through a %i, which says nothing about it", async (status) => {
    const token = counted();
    const api = fakeFetch(json({ error_code: String(status), message: "x" }, status), json(job));
    const client = createExportJobsClient({ ...credentials, accessToken: token, fetch: api.fetch, retry: fast });
    await expect(retrieveExportJob(client, 1)).resolves.toEqual(job);
    expect(api.requests.map((r) => r.headers.get("authorization"))).toEqual(["Bearer token-0", "Bearer token-0"]);
    expect(token.dropped()).toBe(0);
  });

  it.each([400, 403, 500])("keeps the token after a create refused with %i", async (status) => {
    const token = counted();
    const api = fakeFetch(json({ error_code: String(status), message: "x" }, status), json(job));
    const client = createExportJobsClient({ ...credentials, accessToken: token, fetch: api.fetch, retry: fast });
    await expect(createExportJob(client, body)).rejects.toMatchObject({ status });
    await retrieveExportJob(client, 1);
    expect(token.dropped()).toBe(0);
    expect(api.requests[1]!.headers.get("authorization")).toBe("Bearer token-0");
  });

  it("does not repeat when the token is a plain string", async () => {
    const { api, client } = clientWith(json({ error_code: "401013", message: "expired" }, 401), json(job));
    await expect(retrieveExportJob(client, 1)).rejects.toMatchObject({ status: 401 });
    expect(api.requests).toHaveLength(1);
  });
});

describe("Retry-After and backoff", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it.each(["1.5", "-5", "abc 1", "1 2", "0x10", "Thu, 01 Jan 2026", "2026-01-01T00:00:05Z", "   "])(
    "finds %j unreadable, so the backoff applies rather than an immediate repeat",
    (value) => {
      const now = Date.parse("2026-01-01T00:00:00Z");
      expect(parseRetryAfter(value, now)).toBeUndefined();
      const answer = new Response(null, { status: 503, headers: { "retry-after": value } });
      const next = nextAttempt("GET", { response: answer }, { retries: 0, refreshed: false }, DEFAULT_RETRY, false);
      expect(next!.delayMs).toBeGreaterThanOrEqual(DEFAULT_RETRY.minDelayMs / 2);
    },
  );

  it("doubles the delay per attempt, with jitter in the upper half, capped", () => {
    const options = { retries: 5, minDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelay(0, options, () => 0)).toBe(50);
    expect(backoffDelay(0, options, () => 1)).toBe(100);
    expect(backoffDelay(2, options, () => 1)).toBe(400);
    expect(backoffDelay(10, options, () => 1)).toBe(1_000);
  });
});

describe("what is safe to repeat", () => {
  it.each(["GET", "HEAD", "OPTIONS", "DELETE", "PUT"])("%s: the methods HTTP defines as idempotent", (method) => {
    expect(isIdempotent(method)).toBe(true);
  });

  it.each(["POST", "PATCH", "CONNECT"])("%s: not, so never repeated", (method) => {
    expect(isIdempotent(method)).toBe(false);
  });
});

describe("the retry decision", () => {
  const state = { retries: 0, refreshed: false };
  const answer = (status: number) => ({ response: new Response(null, { status }) });

  it.each([429, 500, 502, 503, 504])("repeats a GET or DELETE answered %i, never a POST", (status) => {
    expect(nextAttempt("GET", answer(status), state, DEFAULT_RETRY, false)).toBeDefined();
    expect(nextAttempt("DELETE", answer(status), state, DEFAULT_RETRY, false)).toBeDefined();
    expect(nextAttempt("POST", answer(status), state, DEFAULT_RETRY, true)).toBeUndefined();
  });

  it.each([400, 403, 404, 409, 501])("does not repeat a request refused with %i, nor renew the token for it", (status) => {
    expect(nextAttempt("GET", answer(status), state, DEFAULT_RETRY, true)).toBeUndefined();
  });

  it("renews the token once after a 401, only when the token can be renewed, and only for what may be repeated", () => {
    expect(nextAttempt("GET", answer(401), state, DEFAULT_RETRY, true)).toEqual({ delayMs: 0, refresh: true });
    expect(nextAttempt("GET", answer(401), { retries: 0, refreshed: true }, DEFAULT_RETRY, true)).toBeUndefined();
    expect(nextAttempt("GET", answer(401), state, DEFAULT_RETRY, false)).toBeUndefined();
    expect(nextAttempt("POST", answer(401), state, DEFAULT_RETRY, true)).toBeUndefined();
  });

  it("repeats a network error (a timeout included), but not a redirect, an oversized body or a caller's abort", () => {
    const network = new ExportJobsNetworkError("GET", "/export/jobs/1", "id", { cause: new DOMException("late", "TimeoutError") });
    expect(nextAttempt("GET", { error: network }, state, DEFAULT_RETRY, false)).toBeDefined();
    const redirect = new ExportJobsApiError({ status: 302, method: "GET", path: "/export/jobs/1", body: undefined, reason: "redirected" });
    expect(nextAttempt("GET", { error: redirect }, state, DEFAULT_RETRY, false)).toBeUndefined();
    expect(nextAttempt("GET", { error: new DOMException("stop", "AbortError") }, state, DEFAULT_RETRY, false)).toBeUndefined();
  });

  it("stops once the retries are spent", () => {
    expect(nextAttempt("GET", answer(503), { retries: DEFAULT_RETRY.retries, refreshed: false }, DEFAULT_RETRY, false)).toBeUndefined();
    expect(nextAttempt("GET", answer(503), { retries: DEFAULT_RETRY.retries - 1, refreshed: false }, DEFAULT_RETRY, false)).toBeDefined();
  });
});
