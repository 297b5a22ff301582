import { describe, expect, it } from "vitest";
import type { MockServer } from "../../src/mock/server.js";
import { listPage, parseCursor } from "../../src/mock/paging.js";
import type { ExportJob } from "../../src/types.js";
import { call, expectDescribed, jobsOfCaller, useMockServer } from "./helpers.js";

function job(id: number, creationTime: number, status: ExportJob["status"] = "SUCCEEDED"): ExportJob {
  return { id, status, creationTime, updateTime: creationTime };
}

const start = useMockServer();

/** Seven jobs: two pairs share a creation time, so the id decides their order. */
const jobs = [job(1, 1000), job(2, 2000, "FAILED"), job(3, 2000), job(4, 3000, "NEW"), job(5, 4000, "FAILED"), job(6, 4000), job(7, 5000)];
const newestFirstIds = [7, 6, 5, 4, 3, 2, 1];

async function pages(target: MockServer, first: string): Promise<{ ids: number[][]; bodies: any[] }> {
  const ids: number[][] = [];
  const bodies: any[] = [];
  let path: string | undefined = first;
  while (path) {
    const reply = await call(target, "GET", path);
    expect(reply.status).toBe(200);
    expectDescribed("listExportJobs", reply);
    bodies.push(reply.body);
    ids.push(reply.body.records.map((j: ExportJob) => j.id));
    path = reply.body.link.next || undefined;
    expect(ids.length).toBeLessThan(20);
  }
  return { ids, bodies };
}

describe("paging", () => {
  it("walks every job once, newest first, following link.next (with its slash after jobs)", async () => {
    const server = await start({ seed: false, jobs });
    const { ids, bodies } = await pages(server, "/export/jobs?limit=3");
    expect(ids).toEqual([[7, 6, 5], [4, 3, 2], [1]]);
    expect(bodies[0].link.next).toBe("/export/jobs/?limit=3&offset=4000_5");
    expect(bodies[0].page).toEqual({ sortField: "createdTime", sort: "desc", pageOffset: "4000_5", pageSize: 3 });
    expect(bodies[1].link.next).toBe("/export/jobs/?limit=3&offset=2000_2");
    expect(bodies[2].link.next).toBe("");
    expect(bodies[2].page).toMatchObject({ pageOffset: "1000_1", pageSize: 3 });
  });

  it('answers next "" on a page that ends exactly at the last job', async () => {
    const server = await start({ seed: false, jobs });
    const { ids, bodies } = await pages(server, "/export/jobs?limit=7");
    expect(ids).toEqual([newestFirstIds]);
    expect(bodies[0].link.next).toBe("");
    const halves = await pages(server, "/export/jobs/?limit=1&offset=2000_2");
    expect(halves.ids).toEqual([[1]]);
  });

  it("returns everything when there is no limit", async () => {
    const server = await start({ seed: false, jobs });
    const reply = await call(server, "GET", "/export/jobs");
    expect(reply.body.records.map((j: ExportJob) => j.id)).toEqual(newestFirstIds);
    expect(reply.body.page).toMatchObject({ pageSize: 7, pageOffset: "1000_1" });
    expect(reply.body.link.next).toBe("");
  });

  it("returns an empty last page past the end, and for an empty store", async () => {
    const server = await start({ seed: false, jobs });
    const past = await call(server, "GET", "/export/jobs?limit=2&offset=1000_1");
    expect(past.body).toEqual({ records: [], page: { sortField: "createdTime", sort: "desc", pageOffset: "", pageSize: 2 }, link: { next: "" } });
    const emptyStore = await start({ seed: false });
    const empty = await call(emptyStore, "GET", "/export/jobs?limit=2");
    expect(empty.body.records).toEqual([]);
    expect(empty.body.link.next).toBe("");
  });

  it("treats the cursor as a position: jobs created while paging never shift later pages", async () => {
    const server = await start({ seed: false, jobs });
    const first = await call(server, "GET", "/export/jobs?limit=3");
    jobsOfCaller(server).add(job(100, 6000));
    jobsOfCaller(server).add(job(101, 4000)); // the same time as jobs 5 and 6, but a higher id: before them
    const second = await call(server, "GET", first.body.link.next);
    expect(second.body.records.map((j: ExportJob) => j.id)).toEqual([4, 3, 2]);
  });

  it("keeps its own copy of an added job", async () => {
    const added = job(1, 1000);
    const server = await start({ seed: false });
    jobsOfCaller(server).add(added);
    added.status = "FAILED";
    expect(jobsOfCaller(server).get(1)?.status).toBe("SUCCEEDED");
  });

  it("accepts a cursor that names no job, as a position in the order", async () => {
    const server = await start({ seed: false, jobs });
    const reply = await call(server, "GET", "/export/jobs?offset=2500_0");
    expect(reply.body.records.map((j: ExportJob) => j.id)).toEqual([3, 2, 1]);
  });

  it("filters by status, and keeps the filter in link.next", async () => {
    const server = await start({ seed: false, jobs });
    const { ids, bodies } = await pages(server, "/export/jobs?limit=1&status=FAILED");
    expect(ids).toEqual([[5], [2]]);
    expect(bodies[0].link.next).toBe("/export/jobs/?limit=1&offset=4000_5&status=FAILED");
    expect((await call(server, "GET", "/export/jobs?status=NEW")).body.records.map((j: ExportJob) => j.id)).toEqual([4]);
    expect((await call(server, "GET", "/export/jobs?status=SUCCEEDED")).body.records.map((j: ExportJob) => j.id)).toEqual([7, 6, 3, 1]);
  });

  it("pages the seeded examples and a thousand added jobs without repeating or skipping one", async () => {
    const server = await start();
    for (let i = 0; i < 1000; i++) jobsOfCaller(server).add(job(jobsOfCaller(server).nextId(), 1_600_000_000_000 + Math.floor(i / 3)));
    const { ids } = await pages(server, "/export/jobs?limit=97");
    const all = ids.flat();
    expect(all).toHaveLength(1004);
    expect(new Set(all).size).toBe(1004);
    expect(all).toEqual(jobsOfCaller(server).all().map((j) => j.id));
  });
});

describe("listPage and parseCursor", () => {
  it("parses only <creationTime>_<id>", () => {
    expect(parseCursor("1538573416687_722")).toEqual({ creationTime: 1538573416687, id: 722 });
    for (const bad of ["", "722", "1_2_3", "a_1", "1_", "_1", " 1_2"]) expect(parseCursor(bad), bad).toBeUndefined();
  });

  it("uses limit as pageSize, and the record count without one", () => {
    const sorted = [job(2, 20), job(1, 10)];
    expect(listPage(sorted, { limit: 5 }).page?.pageSize).toBe(5);
    expect(listPage(sorted, {}).page?.pageSize).toBe(2);
  });
});
