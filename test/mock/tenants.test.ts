// Jobs belong to one organization and one sandbox, as on the platform: another pair never lists
// them, and their ids are unknown to it.
import { describe, expect, it } from "vitest";
import type { ExportJob } from "../../src/types.js";
import { call, expectDescribed, jobsOfCaller, manualClock, ORG, useMockServer } from "./helpers.js";

const OTHER_ORG = "0THER000000000000000000@AdobeOrg";

// A clock that stands still: no job changes status while a test looks at it.
const start = useMockServer({ now: manualClock().now });

const as = (orgId: string, sandboxName: string) => ({ headers: { "x-gw-ims-org-id": orgId, "x-sandbox-name": sandboxName } });
const PAIRS = [
  ["the same organization in another sandbox", ORG, "dev"],
  ["another organization in the same sandbox", OTHER_ORG, "prod"],
  ["another organization in another sandbox", OTHER_ORG, "dev"],
] as const;

const body = { destination: { datasetId: "5b7c86968f7b6501e21ba9df" }, schema: { name: "_xdm.context.profile" } };

describe("tenancy: each organization and sandbox has its own jobs", () => {
  it("seeds every new pair with the documented jobs, each carrying that pair's org id", async () => {
    const target = await start();
    for (const [orgId, sandboxName] of [[ORG, "prod"], [OTHER_ORG, "prod"], [ORG, "dev"]] as const) {
      const reply = await call(target, "GET", "/export/jobs", as(orgId, sandboxName));
      expectDescribed("listExportJobs", reply);
      expect(reply.body.records.map((job: ExportJob) => job.id)).toEqual([11038, 11037, 100, 722]);
      expect(reply.body.records.map((job: ExportJob) => job.imsOrgId)).toEqual([orgId, orgId, orgId, orgId]);
      expect((await call(target, "GET", "/export/jobs/722", as(orgId, sandboxName))).body.imsOrgId).toBe(orgId);
    }
  });

  it.each(PAIRS)("hides a created job from %s: never listed, and a 404 to retrieve or cancel", async (_name, orgId, sandboxName) => {
    const target = await start();
    const created = await call(target, "POST", "/export/jobs", { json: body });
    expect(created.body.imsOrgId).toBe(ORG);
    const id: number = created.body.id;

    const listed = await call(target, "GET", "/export/jobs", as(orgId, sandboxName));
    expect(listed.body.records.map((job: ExportJob) => job.id)).not.toContain(id);
    const retrieved = await call(target, "GET", `/export/jobs/${id}`, as(orgId, sandboxName));
    expect(retrieved.status).toBe(404);
    expectDescribed("retrieveExportJob", retrieved);
    expect(retrieved.body.detail).toBe(`Export job ${id} was not found`);
    const cancelled = await call(target, "DELETE", `/export/jobs/${id}`, as(orgId, sandboxName));
    expect(cancelled.status).toBe(404);

    // Its own organization and sandbox still see it, untouched.
    const own = await call(target, "GET", `/export/jobs/${id}`);
    expect(own.body).toMatchObject({ id, status: "NEW" });
    expect((await call(target, "GET", "/export/jobs")).body.records.map((job: ExportJob) => job.id)).toContain(id);
  });

  it.each(PAIRS)("keeps seeded jobs apart too: cancelling 11038 here leaves the copy of %s running", async (_name, orgId, sandboxName) => {
    const target = await start();
    expect((await call(target, "DELETE", "/export/jobs/11038")).body.status).toBe(true);
    expect((await call(target, "GET", "/export/jobs/11038")).body.status).toBe("FAILED");
    expect((await call(target, "GET", "/export/jobs/11038", as(orgId, sandboxName))).body.status).toBe("PROCESSING");
  });

  it("gives created jobs ids that no organization or sandbox has used", async () => {
    const target = await start();
    const ids: number[] = [];
    for (const [orgId, sandboxName] of [[ORG, "prod"], [OTHER_ORG, "prod"], [ORG, "dev"], [ORG, "prod"]] as const) {
      ids.push((await call(target, "POST", "/export/jobs", { json: body, ...as(orgId, sandboxName) })).body.id);
    }
    expect(ids).toEqual([11039, 11040, 11041, 11042]);
  });

  it("starts every pair with the jobs it was given, and jobsOf is what requests of that pair see", async () => {
    const target = await start({ seed: false, jobs: [{ id: 7, status: "SUCCEEDED", creationTime: 1 }] });
    jobsOfCaller(target).add({ id: 8, status: "FAILED", creationTime: 2 });
    expect((await call(target, "GET", "/export/jobs")).body.records.map((job: ExportJob) => job.id)).toEqual([8, 7]);
    expect((await call(target, "GET", "/export/jobs", as(OTHER_ORG, "prod"))).body.records.map((job: ExportJob) => job.id)).toEqual([7]);
    expect(target.jobsOf(OTHER_ORG, "prod").all().map((job) => job.id)).toEqual([7]);
  });

  it("tells pairs apart by both values, whatever characters they hold", async () => {
    const target = await start({ seed: false });
    // Pairs that a key made by joining the two values with one of these characters would confuse.
    for (const separator of [" ", ",", ":", ";", "|", "/", "@"]) {
      target.jobsOf(`a${separator}b`, "c").add({ id: 1, status: "SUCCEEDED" });
      expect(target.jobsOf("a", `b${separator}c`).size, JSON.stringify(separator)).toBe(0);
    }
  });
});
