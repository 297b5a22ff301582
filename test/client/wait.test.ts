import { describe, expect, it } from "vitest";
import { createExportJobsClient, ExportJobsTimeoutError, waitForExportJob } from "../../src/index.js";
import { credentials, fakeFetch, json } from "../support/fake-fetch.js";

const at = (status: string, extra: Record<string, unknown> = {}) => json({ id: 7, status, ...extra });

function clientWith(...answers: Response[]) {
  const api = fakeFetch(...answers);
  return { api, client: createExportJobsClient({ ...credentials, fetch: api.fetch, retry: false }) };
}

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
    await expect(waitForExportJob(client, 0)).rejects.toThrow(/positive integer/);
    await expect(waitForExportJob(client, "7" as unknown as number)).rejects.toThrow(/positive integer/);
    expect(api.requests).toHaveLength(0);
  });
});
