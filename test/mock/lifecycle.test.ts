import { describe, expect, it } from "vitest";
import type { MockServerOptions } from "../../src/mock/server.js";
import { call, expectDescribed, jobsOfCaller, manualClock, useMockServer } from "./helpers.js";

const start = useMockServer();

const body = (datasetId: string) => ({ destination: { datasetId }, schema: { name: "_xdm.context.profile" } });

async function setUp(options: MockServerOptions = {}) {
  const clock = manualClock();
  const target = await start({ seed: false, now: clock.now, processingAfterMs: 1000, finishAfterMs: 3000, ...options });
  const status = async (id: number) => {
    const reply = await call(target, "GET", `/export/jobs/${id}`);
    expectDescribed("retrieveExportJob", reply);
    return reply.body;
  };
  return { clock, target, status };
}

describe("lifecycle of a created job", () => {
  it("moves NEW -> PROCESSING -> SUCCEEDED as the clock passes each delay", async () => {
    const { clock, target, status } = await setUp();
    const created = (await call(target, "POST", "/export/jobs", { json: body("5b7c86968f7b6501e21ba9df") })).body;
    expect(created).toMatchObject({ status: "NEW", creationTime: 1_700_000_000_000, updateTime: 1_700_000_000_000 });
    expect(created.computeGatewayJobId).toEqual({ exportJob: "" });
    clock.advance(999);
    expect((await status(created.id)).status).toBe("NEW");
    clock.advance(1);
    const processing = await status(created.id);
    expect(processing).toMatchObject({ status: "PROCESSING", updateTime: 1_700_000_001_000 });
    expect(processing.computeGatewayJobId.exportJob).not.toBe("");
    clock.advance(2999);
    expect((await status(created.id)).status).toBe("PROCESSING");
    clock.advance(1);
    const done = await status(created.id);
    expect(done).toMatchObject({
      status: "SUCCEEDED",
      creationTime: 1_700_000_000_000,
      updateTime: 1_700_000_004_000,
      metrics: {
        totalTime: { startTimeInMs: 1_700_000_000_000, endTimeInMs: 1_700_000_004_000, totalTimeInMs: 4000 },
        profileExportTime: { startTimeInMs: 1_700_000_001_000, endTimeInMs: 1_700_000_004_000, totalTimeInMs: 3000 },
        totalExportedProfileCounter: expect.any(Number),
      },
    });
    expect(done.errors).toBeUndefined();
    clock.advance(60_000);
    expect(await status(created.id)).toEqual(done);
  });

  it("jumps straight to the final status when the clock passed both delays between two reads", async () => {
    const { clock, target, status } = await setUp();
    const created = (await call(target, "POST", "/export/jobs", { json: body("ds") })).body;
    clock.advance(10_000);
    expect(await status(created.id)).toMatchObject({ status: "SUCCEEDED", updateTime: 1_700_000_004_000 });
  });

  it('ends FAILED, with an errors entry, when destination.datasetId starts with "fail"', async () => {
    const { clock, target, status } = await setUp();
    const created = (await call(target, "POST", "/export/jobs", { json: body("fail-on-purpose") })).body;
    clock.advance(1000);
    expect((await status(created.id)).status).toBe("PROCESSING");
    clock.advance(3000);
    const failed = await status(created.id);
    expect(failed.status).toBe("FAILED");
    expect(failed.errors).toEqual([{ code: expect.any(String), msg: expect.stringContaining("fail-on-purpose"), callStack: expect.any(String) }]);
    expect(failed.metrics.totalExportedProfileCounter).toBeUndefined();
  });

  it("shows the current status in the list and filters on it", async () => {
    const { clock, target } = await setUp();
    const a = (await call(target, "POST", "/export/jobs", { json: body("ds") })).body;
    clock.advance(5000);
    const b = (await call(target, "POST", "/export/jobs", { json: body("ds") })).body;
    const ids = async (query: string) => (await call(target, "GET", `/export/jobs${query}`)).body.records.map((j: { id: number }) => j.id);
    expect(await ids("?status=SUCCEEDED")).toEqual([a.id]);
    expect(await ids("?status=NEW")).toEqual([b.id]);
    expect(await ids("")).toEqual([b.id, a.id]);
  });

  it("leaves added jobs as they are, even NEW and PROCESSING ones", async () => {
    const clock = manualClock();
    const server = await start({ seed: false, now: clock.now, processingAfterMs: 0, finishAfterMs: 0, jobs: [{ id: 42, status: "NEW" }] });
    clock.advance(3_600_000);
    expect((await call(server, "GET", "/export/jobs/42")).body.status).toBe("NEW");
  });

  it("gives created jobs ids no other job has, above the seeded ones", async () => {
    const { target } = await setUp({ seed: true, jobs: [{ id: 20000, status: "SUCCEEDED" }] });
    const first = (await call(target, "POST", "/export/jobs", { json: body("ds") })).body;
    const second = (await call(target, "POST", "/export/jobs", { json: body("ds") })).body;
    expect(first.id).toBe(20001);
    expect(second.id).toBe(20002);
    expect(jobsOfCaller(target).size).toBe(4 + 1 + 2);
  });
});

describe("cancel", () => {
  it("answers 200 with the acknowledgement and ends an unfinished job as FAILED", async () => {
    const { clock, target, status } = await setUp();
    const created = (await call(target, "POST", "/export/jobs", { json: body("ds") })).body;
    clock.advance(1500);
    const reply = await call(target, "DELETE", `/export/jobs/${created.id}`);
    expect(reply.status).toBe(200);
    expectDescribed("cancelExportJob", reply);
    expect(reply.body).toEqual({ status: true, message: "Export job has been marked for cancelling" });
    const cancelled = await status(created.id);
    expect(cancelled).toMatchObject({ status: "FAILED", updateTime: 1_700_000_001_500 });
    expect(cancelled.errors).toEqual([{ code: "cancelled", msg: "Export job was cancelled" }]);
    clock.advance(60_000);
    expect((await status(created.id)).status).toBe("FAILED");
  });

  it.each([200, 204] as const)(
    "declines with status false, and leaves the job as it was, when the job has already ended (cancelStatus %i)",
    async (cancelStatus) => {
      const { target, status } = await setUp({ seed: true, cancelStatus });
      for (const [id, ended] of [[11037, "SUCCEEDED"], [722, "FAILED"]] as const) {
        const before = await status(id);
        const reply = await call(target, "DELETE", `/export/jobs/${id}`);
        expect(reply.status).toBe(200);
        expectDescribed("cancelExportJob", reply);
        expect(reply.body).toEqual({ status: false, message: `Export job ${id} has already ended (${ended}); there is nothing to cancel` });
        expect(await status(id)).toEqual(before);
      }
    },
  );

  it("declines a job that ended on its own since it was created", async () => {
    const { clock, target } = await setUp();
    const created = (await call(target, "POST", "/export/jobs", { json: body("ds") })).body;
    clock.advance(4000);
    const reply = await call(target, "DELETE", `/export/jobs/${created.id}`);
    expect(reply.body).toEqual({ status: false, message: `Export job ${created.id} has already ended (SUCCEEDED); there is nothing to cancel` });
  });

  it("cancels a seeded PROCESSING job", async () => {
    const { target, status } = await setUp({ seed: true });
    await call(target, "DELETE", "/export/jobs/11038");
    expect(await status(11038)).toMatchObject({ status: "FAILED", errors: [{ code: "cancelled", msg: "Export job was cancelled" }] });
  });

  it("answers 204 without a body when started with cancelStatus: 204", async () => {
    const { target, status } = await setUp({ cancelStatus: 204 });
    const created = (await call(target, "POST", "/export/jobs", { json: body("ds") })).body;
    const reply = await call(target, "DELETE", `/export/jobs/${created.id}`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe("");
    expect(reply.headers.get("content-type")).toBeNull();
    expect((await status(created.id)).status).toBe("FAILED");
  });
});
