import { describe, expect, it } from "vitest";
import { createExportJobsClient, ExportJobsConfigError, ExportJobsPaginationError, iterateExportJobs, type ListExportJobsQuery } from "../../src/index.js";
import { credentials, fakeFetch, json, type Answer } from "../support/fake-fetch.js";

const jobs = (...ids: number[]) => ids.map((id) => ({ id, status: "SUCCEEDED" }));
const page = (ids: number[], next?: string | null, extra: Record<string, unknown> = {}) =>
  json({ records: jobs(...ids), ...(next === null ? {} : { link: { next: next ?? "" } }), ...extra });

async function collect(...answers: Answer[]) {
  return collectFrom({ limit: 2 }, {}, ...answers);
}

async function collectFrom(query: ListExportJobsQuery, options: { maxPages?: number; signal?: AbortSignal }, ...answers: Answer[]) {
  const api = fakeFetch(...answers);
  const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: false });
  const ids: number[] = [];
  let error: unknown;
  try {
    for await (const job of iterateExportJobs(client, query, options)) ids.push(job.id);
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

  it("asks for the next page with the limit and status the link names, not the first request's", async () => {
    const { urls } = await collect(page([3, 2], "/export/jobs/?limit=25&status=FAILED&offset=9_2"), page([], ""));
    expect(urls[1]).toBe(`${credentials.baseUrl}/export/jobs?limit=25&offset=9_2&status=FAILED`);
  });

  it.each(["abc", "2.5", "-1", ""])("keeps the caller's limit when the link's limit is %j", async (limit) => {
    const { urls } = await collect(page([3, 2], `/export/jobs/?limit=${limit}&offset=9_2`), page([], ""));
    expect(new URL(urls[1]!).searchParams.getAll("limit")).toEqual(["2"]);
  });

  it.each([
    ["null", { link: { next: null } }],
    ["blank", { link: { next: "  " } }],
    ["absent, with no link at all", {}],
  ])("stops when link.next is %s", async (_what, links) => {
    const { ids, error, urls } = await collect(json({ records: jobs(3, 2), ...links }), page([1], ""));
    expect(error).toBeUndefined();
    expect(ids).toEqual([3, 2]);
    expect(urls).toHaveLength(1);
  });

  it.each([
    ["no offset and no pageOffset", "/export/jobs/?limit=2", {}],
    ["an empty offset", "/export/jobs/?limit=2&offset=", { page: { pageOffset: "5_3" } }],
  ])("refuses a link.next with %s rather than read the first page again", async (_what, next, extra) => {
    const { ids, error, urls } = await collect(page([3, 2], next, extra), page([1], ""));
    expect(ids).toEqual([3, 2]);
    expect(error).toBeInstanceOf(ExportJobsPaginationError);
    expect((error as Error).message).toBe(`link.next "${next}" carries no offset and the page has no pageOffset`);
    expect(urls).toHaveLength(1);
  });

  it("prefers the link's offset to page.pageOffset", async () => {
    const { urls } = await collect(page([3], "/export/jobs/?offset=9_3", { page: { pageOffset: "5_3" } }), page([], ""));
    expect(new URL(urls[1]!).searchParams.get("offset")).toBe("9_3");
  });

  it("names both origins when it refuses a link to another one", async () => {
    const { error } = await collect(page([3], "https://evil.example/export/jobs/?offset=9_2"));
    expect((error as Error).message).toBe(
      "Refusing to follow link.next to https://evil.example: credentials are only sent to https://platform.adobe.io",
    );
  });

  it("counts the offset it started from as already read", async () => {
    const { ids, error, urls } = await collectFrom({ offset: "9_2" }, {}, page([1], "/export/jobs/?offset=9_2"), page([0], ""));
    expect(ids).toEqual([1]);
    expect(error).toBeInstanceOf(ExportJobsPaginationError);
    expect((error as Error).message).toBe("The API sent offset 9_2 twice; stopping instead of reading the same pages again");
    expect(urls).toHaveLength(1);
  });

  it("reads exactly maxPages pages, and stops with an error only when there is one more", async () => {
    const pages = [page([3], "/export/jobs/?offset=o1"), page([2], "/export/jobs/?offset=o2"), page([1], "")];
    const twoOfThree = await collectFrom({}, { maxPages: 2 }, ...pages);
    expect(twoOfThree.ids).toEqual([3, 2]);
    expect(twoOfThree.urls).toHaveLength(2);
    expect((twoOfThree.error as Error).message).toBe("Stopped after 2 pages (maxPages): the API kept sending new pages");
    const threeOfThree = await collectFrom({}, { maxPages: 3 }, ...pages);
    expect(threeOfThree).toMatchObject({ ids: [3, 2, 1], error: undefined });
  });

  it.each([0, -1, -0.5, Number.NaN])("refuses maxPages %d before any request", async (maxPages) => {
    const { error, urls } = await collectFrom({}, { maxPages }, page([3], ""));
    expect(error).toBeInstanceOf(ExportJobsConfigError);
    expect((error as Error).message).toMatch(/^iterateExportJobs: maxPages must be a positive number/);
    expect(urls).toHaveLength(0);
  });

  it("asks for no token for a page after the signal aborted", async () => {
    const controller = new AbortController();
    let tokens = 0;
    const api = fakeFetch(page([3], "/export/jobs/?offset=9_3"), page([2], ""));
    const client = createExportJobsClient({ ...credentials, accessToken: () => `token-${++tokens}`, fetch: api.fetch });
    const iteration = (async () => {
      for await (const _ of iterateExportJobs(client, {}, { signal: controller.signal })) controller.abort(new Error("enough"));
    })();
    await expect(iteration).rejects.toThrow("enough");
    expect(tokens).toBe(1);
  });

  it("ends a page request that never gets an answer when the signal aborts", async () => {
    const controller = new AbortController();
    const never: Answer = (request) =>
      new Promise<Error>((resolve) => request.signal.addEventListener("abort", () => resolve(request.signal.reason as Error), { once: true }));
    setTimeout(() => controller.abort(new Error("enough")), 20);
    const { error, urls } = await collectFrom({}, { signal: controller.signal }, never);
    expect((error as Error).message).toBe("enough");
    expect(urls).toHaveLength(1);
  });
});
