import { describe, expect, it } from "vitest";
import { createExportJobsClient, ExportJobsPaginationError, iterateExportJobs } from "../../src/index.js";
import { credentials, fakeFetch, json, type Answer } from "../support/fake-fetch.js";

const jobs = (...ids: number[]) => ids.map((id) => ({ id, status: "SUCCEEDED" }));
const page = (ids: number[], next?: string | null, extra: Record<string, unknown> = {}) =>
  json({ records: jobs(...ids), ...(next === null ? {} : { link: { next: next ?? "" } }), ...extra });

async function collect(...answers: Answer[]) {
  const api = fakeFetch(...answers);
  const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: false });
  const ids: number[] = [];
  let error: unknown;
  try {
    for await (const job of iterateExportJobs(client, { limit: 2 })) ids.push(job.id);
  } catch (e) {
    error = e;
  }
  return { ids, error, urls: api.requests.map((r) => r.url) };
}

describe("iterateExportJobs", () => {
  it("follows a relative link.next with the trailing slash after jobs", async () => {
    const { ids, urls } = await collect(page([3, 2], "/export/jobs/?limit=2&offset=1538573416687_2"), page([1], ""));
    expect(ids).toEqual([3, 2, 1]);
    expect(urls).toEqual([
      `${credentials.baseUrl}/export/jobs?limit=2`,
      `${credentials.baseUrl}/export/jobs?limit=2&offset=1538573416687_2`,
    ]);
  });

  it("follows a relative link.next without the trailing slash", async () => {
    const { ids, urls } = await collect(page([3, 2], "/export/jobs?limit=2&offset=9_2"), page([1], ""));
    expect(ids).toEqual([3, 2, 1]);
    expect(urls[1]).toBe(`${credentials.baseUrl}/export/jobs?limit=2&offset=9_2`);
  });

  it("follows an absolute link.next on the API's own origin", async () => {
    const { ids } = await collect(page([3, 2], `${credentials.baseUrl}/export/jobs/?limit=2&offset=9_2`), page([1], ""));
    expect(ids).toEqual([3, 2, 1]);
  });

  it("stops when link.next is absent", async () => {
    const { ids, urls } = await collect(page([3, 2], null), page([1], ""));
    expect(ids).toEqual([3, 2]);
    expect(urls).toHaveLength(1);
  });

  it("stops when a page is empty, whatever link.next says", async () => {
    const { ids, urls } = await collect(page([3], "/export/jobs/?offset=9_3"), page([], "/export/jobs/?offset=9_4"));
    expect(ids).toEqual([3]);
    expect(urls).toHaveLength(2);
  });

  it("falls back to page.pageOffset when link.next carries no offset", async () => {
    const { urls } = await collect(page([3], "/export/jobs/?limit=2", { page: { pageOffset: "5_3" } }), page([], ""));
    expect(urls[1]).toContain("offset=5_3");
  });

  it.each(["https://evil.example/export/jobs/?offset=9_2", "//evil.example/export/jobs/?offset=9_2", "http://platform.adobe.io/data/core/ups/export/jobs?offset=9_2"])(
    "refuses to follow %s and sends nothing there",
    async (next) => {
      const { ids, error, urls } = await collect(page([3, 2], next), page([1], ""));
      expect(ids).toEqual([3, 2]);
      expect(error).toBeInstanceOf(ExportJobsPaginationError);
      expect((error as Error).message).toMatch(/Refusing to follow link\.next/);
      expect(urls).toHaveLength(1);
    },
  );

  it("stops with an error instead of looping when the API repeats an offset", async () => {
    const { ids, error, urls } = await collect(
      page([3, 2], "/export/jobs/?offset=9_2"),
      page([1], "/export/jobs/?offset=9_1"),
      page([1], "/export/jobs/?offset=9_2"),
      new Error("the iterator asked for the same pages again"),
    );
    expect(error).toBeInstanceOf(ExportJobsPaginationError);
    expect(ids).toEqual([3, 2, 1, 1]);
    expect(urls).toHaveLength(3);
  });

  it("keeps the caller's status filter on every page", async () => {
    const api = fakeFetch(page([3], "/export/jobs/?limit=1&offset=9_3"), page([], ""));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch });
    for await (const _ of iterateExportJobs(client, { status: "FAILED", limit: 1 })) void _;
    expect(api.requests.map((r) => new URL(r.url).searchParams.get("status"))).toEqual(["FAILED", "FAILED"]);
  });

  it("stops when the signal aborts", async () => {
    const controller = new AbortController();
    const api = fakeFetch(page([3], "/export/jobs/?offset=9_3"), page([2], ""));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch });
    const ids: number[] = [];
    await expect(
      (async () => {
        for await (const job of iterateExportJobs(client, {}, { signal: controller.signal })) {
          ids.push(job.id);
          controller.abort(new Error("enough"));
        }
      })(),
    ).rejects.toThrow("enough");
    expect(ids).toEqual([3]);
  });
});
