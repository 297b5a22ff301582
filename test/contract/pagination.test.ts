// Paging against the project's stateful mock server while newer jobs keep arriving, and against
// servers whose paging links cannot be trusted.
import { afterEach, describe, expect, it } from "vitest";
import {
  createExportJobsClient,
  ExportJobsPaginationError,
  iterateExportJobs,
  type ExportJob,
  type ExportJobStatus,
  type ExportJobsClientOptions,
} from "../../src/index.js";
import { startMockServer, type MockServer } from "../../src/mock/server.js";

const credentials = { accessToken: "S3cr3t-paging-token", apiKey: "S3cr3t-paging-api-key", orgId: "1BD6382559DF0C130A49422D@AdobeOrg" };
const STATUSES: ExportJobStatus[] = ["NEW", "PROCESSING", "SUCCEEDED", "FAILED"];
const START = 1_700_000_000_000;

/** `count` jobs; every three share a creation time, so the id breaks ties in the order. */
function existingJobs(count: number): ExportJob[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    status: STATUSES[i % STATUSES.length]!,
    creationTime: START + Math.floor(i / 3) * 1000,
    destination: { datasetId: "5b7c86968f7b6501e21ba9df", segmentPerBatch: false, batchId: `batch-${i + 1}` },
  }));
}

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The jobs of the organization and sandbox the client below sends (the client's default sandbox). */
function jobsSeenBy(server: MockServer) {
  return server.jobsOf(credentials.orgId, "prod");
}

async function mock(jobs: ExportJob[]): Promise<MockServer> {
  const server = await startMockServer({ seed: false, jobs });
  servers.push(server);
  return server;
}

function client(baseUrl: string, fetch: typeof globalThis.fetch, extra: Partial<ExportJobsClientOptions> = {}) {
  return createExportJobsClient({ ...credentials, baseUrl, fetch, validateResponses: true, retry: false, ...extra });
}

async function collect(iterable: AsyncIterable<ExportJob>): Promise<{ ids: number[]; error: unknown }> {
  const ids: number[] = [];
  try {
    for await (const job of iterable) ids.push(job.id);
    return { ids, error: undefined };
  } catch (error) {
    return { ids, error };
  }
}

describe("iterateExportJobs while newer jobs arrive", () => {
  /** A fetch that adds `perPage` new jobs, newer than any other, after each page is served. */
  function insertingAfterEachPage(server: MockServer, perPage: number) {
    let pages = 0;
    let clock = START + 10_000_000;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      const request = new Request(input, init);
      if (request.method === "GET" && new URL(request.url).pathname === "/export/jobs") {
        pages++;
        for (let n = 0; n < perPage; n++) {
          jobsSeenBy(server).add({ id: jobsSeenBy(server).nextId(), status: STATUSES[n % STATUSES.length]!, creationTime: clock++ });
        }
      }
      return response;
    };
    return { fetch, pages: () => pages };
  }

  it("yields every job that existed at the start exactly once, newest first, and stops", async () => {
    const server = await mock(existingJobs(1000));
    const expected = jobsSeenBy(server).all().map((j) => j.id);
    const api = insertingAfterEachPage(server, 3);

    const { ids, error } = await collect(iterateExportJobs(client(server.url, api.fetch), { limit: 7 }));

    expect(error).toBeUndefined();
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(1000);
    expect(api.pages()).toBe(Math.ceil(1000 / 7));
    expect(jobsSeenBy(server).size).toBe(1000 + 3 * api.pages());
    expect(server.responseViolations).toEqual([]);
  });

  it("keeps the status filter on every page", async () => {
    const server = await mock(existingJobs(1000));
    const expected = jobsSeenBy(server).all().filter((j) => j.status === "FAILED").map((j) => j.id);
    const api = insertingAfterEachPage(server, 4);

    const { ids, error } = await collect(iterateExportJobs(client(server.url, api.fetch), { limit: 7, status: "FAILED" }));

    expect(error).toBeUndefined();
    expect(ids).toEqual(expected);
    expect(server.requests.every((r) => r.query.includes("status=FAILED"))).toBe(true);
  });
});

describe("iterateExportJobs against links it cannot trust", () => {
  const MAX_REQUESTS = 20;

  /** Answers every list request with one job and the next link of `nextOffset(n)`; gives up after MAX_REQUESTS. */
  function endlessPages(nextOffset: (n: number) => string) {
    let requests = 0;
    const fetch: typeof globalThis.fetch = async () => {
      requests++;
      if (requests > MAX_REQUESTS) throw new Error("the iterator kept asking for pages");
      return Response.json({ records: [{ id: requests, status: "SUCCEEDED" }], link: { next: `/export/jobs/?limit=1&offset=${nextOffset(requests)}` } });
    };
    return { fetch, requests: () => requests };
  }

  it("stops with an error when the server repeats the same offset forever", async () => {
    const api = endlessPages(() => "1538573416687_722");
    const { ids, error } = await collect(iterateExportJobs(client("http://127.0.0.1:9", api.fetch), { limit: 1 }));
    expect(error).toBeInstanceOf(ExportJobsPaginationError);
    expect((error as Error).message).toContain("1538573416687_722");
    expect(ids).toEqual([1, 2]);
    expect(api.requests()).toBe(2);
  });

  it("stops with an error when the server cycles between offsets", async () => {
    const api = endlessPages((n) => (n % 2 === 0 ? "2_2" : "1_1"));
    const { error } = await collect(iterateExportJobs(client("http://127.0.0.1:9", api.fetch), { limit: 1 }));
    expect(error).toBeInstanceOf(ExportJobsPaginationError);
    expect(api.requests()).toBe(3);
  });

  it("refuses a link.next to another origin, which never receives a request", async () => {
    const server = await mock(existingJobs(10));
    const elsewhere = await mock(existingJobs(10));
    // The first page's link is rewritten to point at another server, as a hostile proxy could.
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      const page = (await response.json()) as { link?: { next?: string } };
      if (page.link?.next) page.link.next = `${elsewhere.url}${page.link.next}`;
      return Response.json(page, { status: response.status });
    };

    const { ids, error } = await collect(iterateExportJobs(client(server.url, fetch), { limit: 4 }));

    expect(error).toBeInstanceOf(ExportJobsPaginationError);
    expect((error as Error).message).toContain(elsewhere.url);
    expect(ids).toHaveLength(4);
    expect(server.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
    expect(String(error)).not.toContain(credentials.accessToken);
  });
});
