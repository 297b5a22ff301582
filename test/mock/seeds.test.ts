// The documented jobs each organization and sandbox starts with, made unsurprising: the running
// one finishes, and a succeeded job carries no errors.
import { describe, expect, it } from "vitest";
import { createExportJobsClient, waitForExportJob } from "../../src/index.js";
import type { MockServerOptions } from "../../src/mock/server.js";
import type { ExportJob } from "../../src/types.js";
import { exampleValue } from "../support/openapi.js";
import { API_KEY, call, expectDescribed, manualClock, ORG, TOKEN, useMockServer } from "./helpers.js";

const start = useMockServer();

async function setUp(options: MockServerOptions = {}) {
  const clock = manualClock();
  const target = await start({ now: clock.now, processingAfterMs: 1000, finishAfterMs: 3000, ...options });
  const job = async (id: number, headers: Record<string, string> = {}) => {
    const reply = await call(target, "GET", `/export/jobs/${id}`, { headers });
    expectDescribed("retrieveExportJob", reply);
    return reply.body as ExportJob;
  };
  return { clock, target, job };
}

describe("seeded jobs", () => {
  it("finish the documented PROCESSING job finishAfterMs after its organization and sandbox are first seen", async () => {
    const { clock, job } = await setUp();
    const documented = exampleValue("job-processing") as ExportJob;
    const firstSeen = clock.now();
    expect(await job(11038)).toEqual({ ...documented, imsOrgId: ORG });
    clock.advance(2999);
    expect((await job(11038)).status).toBe("PROCESSING");
    clock.advance(1);
    const done = await job(11038);
    expect(done).toMatchObject({
      status: "SUCCEEDED",
      creationTime: documented.creationTime,
      updateTime: firstSeen + 3000,
      metrics: {
        totalTime: { startTimeInMs: firstSeen, endTimeInMs: firstSeen + 3000, totalTimeInMs: 3000 },
        profileExportTime: { startTimeInMs: firstSeen, endTimeInMs: firstSeen + 3000, totalTimeInMs: 3000 },
        totalExportedProfileCounter: 100,
      },
    });
    expect(done.errors).toBeUndefined();
  });

  it("count each organization and sandbox's time from when that pair is first seen", async () => {
    const { clock, job } = await setUp();
    await job(11038);
    clock.advance(10_000);
    expect((await job(11038)).status).toBe("SUCCEEDED");
    const newcomer = { "x-gw-ims-org-id": "NEWC0MER000000000000000@AdobeOrg" };
    expect((await job(11038, newcomer)).status).toBe("PROCESSING");
    clock.advance(3000);
    expect((await job(11038, newcomer)).status).toBe("SUCCEEDED");
  });

  it("let a client's wait for 11038 end in seconds, not at its timeout", async () => {
    const server = await start({ processingAfterMs: 20, finishAfterMs: 50 });
    const client = createExportJobsClient({ baseUrl: server.url, accessToken: TOKEN, apiKey: API_KEY, orgId: ORG, validateResponses: true });
    const done = await waitForExportJob(client, 11038, { intervalMs: 10, maxIntervalMs: 10, timeoutMs: 5000 });
    expect(done.status).toBe("SUCCEEDED");
  });

  it("carry no errors when they SUCCEEDED (job 100 of the documents has one), and keep them when they FAILED", async () => {
    const { target } = await setUp();
    const documented100 = (exampleValue("list-newest") as { records: ExportJob[] }).records[0]!;
    expect(documented100).toMatchObject({ id: 100, status: "SUCCEEDED", errors: [{ msg: "Error in Export Job" }] });
    const listed: ExportJob[] = (await call(target, "GET", "/export/jobs")).body.records;
    for (const job of listed.filter((j) => j.status === "SUCCEEDED")) expect(job.errors, `job ${job.id}`).toBeUndefined();
    const { errors: _dropped, ...rest } = documented100;
    expect(listed.find((j) => j.id === 100)).toEqual({ ...rest, imsOrgId: ORG });
    expect(listed.find((j) => j.id === 722)?.errors).toEqual((exampleValue("job-failed") as ExportJob).errors);
  });
});
