import { afterEach, describe, expect, it, vi } from "vitest";
import { createExportJobsClient, ExportJobsApiError, ExportJobsConfigError, ExportJobsTimeoutError, waitForExportJob } from "../../src/index.js";
import { credentials, fakeFetch, json, type Answer } from "../support/fake-fetch.js";

const at = (status: string, extra: Record<string, unknown> = {}) => json({ id: 7, status, ...extra });

function clientWith(...answers: Answer[]) {
  const api = fakeFetch(...answers);
  return { api, client: createExportJobsClient({ ...credentials, fetch: api.fetch, retry: false }) };
}

// An answer that never comes: it ends only when the request's signal aborts.
const never: Answer = (request) =>
  new Promise<Error>((resolve) => request.signal.addEventListener("abort", () => resolve(request.signal.reason as Error), { once: true }));

afterEach(() => vi.useRealTimers());

describe("waitForExportJob", () => {
  it("polls until the job succeeds and reports each status change once", async () => {
    const { api, client } = clientWith(at("NEW"), at("NEW"), at("PROCESSING"), at("PROCESSING"), at("SUCCEEDED"));
    const seen: string[] = [];
    const job = await waitForExportJob(client, 7, { intervalMs: 1, onStatus: (j) => seen.push(j.status) });
    expect(job.status).toBe("SUCCEEDED");
    expect(seen).toEqual(["NEW", "PROCESSING", "SUCCEEDED"]);
    expect(api.requests).toHaveLength(5);
  });

  it("returns a failed job with its errors instead of throwing", async () => {
    const { client } = clientWith(at("PROCESSING"), at("FAILED", { errors: [{ code: "0090000009", msg: "Error writing profiles" }] }));
    const job = await waitForExportJob(client, 7, { intervalMs: 1 });
    expect(job).toMatchObject({ status: "FAILED", errors: [{ code: "0090000009" }] });
  });

  it("backs off between polls, up to the longest pause", async () => {
    const { api, client } = clientWith(at("NEW"), at("NEW"), at("NEW"), at("NEW"), at("SUCCEEDED"));
    const times: number[] = [];
    const original = api.fetch;
    const timed = Object.assign(async (input: RequestInfo | URL, init?: RequestInit) => {
      times.push(performance.now());
      return original(input, init);
    });
    const slow = createExportJobsClient({ ...credentials, fetch: timed as typeof fetch, retry: false });
    await waitForExportJob(slow, 7, { intervalMs: 20, maxIntervalMs: 30 });
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(15);
    expect(gaps[1]).toBeGreaterThanOrEqual(25); // 20 * 1.5
    expect(gaps[2]).toBeLessThan(200); // capped at 30, not 45
    void client;
  });

  it("times out with the last status it saw", async () => {
    const { client } = clientWith(at("PROCESSING"));
    const error = await waitForExportJob(client, 7, { intervalMs: 5, timeoutMs: 60 }).catch((e) => e);
    expect(error).toBeInstanceOf(ExportJobsTimeoutError);
    expect(error).toMatchObject({ jobId: 7, lastStatus: "PROCESSING" });
    expect(error.message).toContain("PROCESSING");
  });

  it("stops when the caller's signal aborts, with the signal's reason", async () => {
    const { client } = clientWith(at("NEW"));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user stopped")), 30);
    await expect(waitForExportJob(client, 7, { intervalMs: 5, signal: controller.signal })).rejects.toThrow("user stopped");
  });

  it("refuses an id that is not a positive integer before any request", async () => {
    const { api, client } = clientWith(at("NEW"));
    await expect(waitForExportJob(client, 0)).rejects.toThrow("Invalid retrieveExportJob request, nothing was sent: path/EXPORT_JOB_ID must be a positive integer (got 0)");
    await expect(waitForExportJob(client, "7" as unknown as number)).rejects.toThrow(/positive integer/);
    expect(api.requests).toHaveLength(0);
  });

  it("keeps polling through a status this version does not know", async () => {
    const { api, client } = clientWith(at("QUEUED"), at("SUCCEEDED"));
    await expect(waitForExportJob(client, 7, { intervalMs: 1 })).resolves.toMatchObject({ status: "SUCCEEDED" });
    expect(api.requests).toHaveLength(2);
  });

  it("a 404 while waiting is an API error, not a timeout", async () => {
    const { api, client } = clientWith(at("PROCESSING"), json({ title: "Not Found", status: 404 }, 404));
    const error = await waitForExportJob(client, 7, { intervalMs: 1, timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error).toMatchObject({ status: 404, path: "/export/jobs/7" });
    expect(api.requests).toHaveLength(2);
  });

  it("a poll that never gets an answer ends at the wait's timeout, naming no status", async () => {
    const { api, client } = clientWith(never);
    const error = await waitForExportJob(client, 7, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsTimeoutError);
    expect(error).toMatchObject({ jobId: 7, lastStatus: undefined, timeoutMs: 50 });
    expect((error as Error).message).toBe("Export job 7 did not finish within 50 ms; its last status was unknown (never retrieved)");
    expect(api.requests).toHaveLength(1);
  });

  it("a poll that never gets an answer ends as soon as the caller aborts, with the caller's reason", async () => {
    const { client } = clientWith(never);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user stopped")), 20);
    const error = await waitForExportJob(client, 7, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ExportJobsTimeoutError);
    expect((error as Error).message).toBe("user stopped");
  });

  it("a signal aborted before the call sends nothing", async () => {
    const { api, client } = clientWith(at("NEW"));
    await expect(waitForExportJob(client, 7, { signal: AbortSignal.abort(new Error("too late")) })).rejects.toThrow("too late");
    expect(api.requests).toHaveLength(0);
  });

  it("by default pauses 2 s, then half as long again each time up to 30 s, and gives up after an hour", async () => {
    vi.useFakeTimers();
    const { api, client } = clientWith(at("NEW"));
    const outcome = waitForExportJob(client, 7).catch((e: unknown) => e);
    const pollsAt = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return api.requests.length;
    };
    expect(await pollsAt(0)).toBe(1);
    expect(await pollsAt(1_999)).toBe(1);
    expect(await pollsAt(1)).toBe(2); // 2 s
    expect(await pollsAt(2_999)).toBe(2);
    expect(await pollsAt(1)).toBe(3); // 3 s more
    // Then 4.5, 6.75, 10.125, 15.19 and 22.78 s, the eighth poll at 64.34 s; the ninth comes 30 s
    // after it (not 34.17 s), at 94.34 s from the start.
    expect(await pollsAt(89_000)).toBe(8);
    expect(await pollsAt(1_000)).toBe(9);
    await vi.advanceTimersByTimeAsync(3_600_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(ExportJobsTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 3_600_000, lastStatus: "NEW" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("leaves no timer behind once the job is finished", async () => {
    vi.useFakeTimers();
    const { client } = clientWith(at("NEW"), at("SUCCEEDED"));
    const outcome = waitForExportJob(client, 7);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(outcome).resolves.toMatchObject({ status: "SUCCEEDED" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each(["intervalMs", "maxIntervalMs", "timeoutMs"] as const)("refuses a %s that is not a positive number, before any request", async (option) => {
    const { api, client } = clientWith(at("NEW"));
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "5"]) {
      const error = await waitForExportJob(client, 7, { [option]: value }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExportJobsConfigError);
      expect((error as Error).message).toMatch(new RegExp(`^waitForExportJob: ${option} must be a positive number, got `));
    }
    expect(api.requests).toHaveLength(0);
  });

  it.each([
    [Number.NaN, "NaN"],
    [-1, "-1"],
    ["5", '"5"'],
    [null, "null"],
    [{ ms: 5 }, '{"ms":5}'],
    [() => 5, "() => 5"],
  ])("quotes the refused value %s as %s", async (value, shown) => {
    const { client } = clientWith(at("NEW"));
    await expect(waitForExportJob(client, 7, { timeoutMs: value as number })).rejects.toThrow(`waitForExportJob: timeoutMs must be a positive number, got ${shown}`);
  });
});
