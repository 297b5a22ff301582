// legacyShapes: the stand-in sends every legacy form the description accepts, so a client can be
// tried against them; the project's client turns each back into the canonical form.
import { describe, expect, it } from "vitest";
import {
  createExportJob,
  createExportJobsClient,
  iterateExportJobs,
  normalizeExportJob,
  retrieveExportJob,
  type CreateExportJobRequest,
  type ExportJob,
} from "../../src/index.js";
import { exampleValue } from "../support/openapi.js";
import { API_KEY, call, expectDescribed, manualClock, ORG, TOKEN, useMockServer } from "./helpers.js";

const start = useMockServer({ now: manualClock().now });

const perSegment: CreateExportJobRequest = {
  destination: { datasetId: "5b7c86968f7b6501e21ba9df", segmentPerBatch: true },
  schema: { name: "_xdm.context.profile" },
  filter: { segments: [{ segmentId: "seg-a" }] },
};
const twoSegments: CreateExportJobRequest = {
  ...perSegment,
  filter: { segments: [{ segmentId: "seg-a", status: ["exited"] }, { segmentId: "seg-b", segmentNs: "AAM", status: ["realized", "existing"] }] },
};

describe("legacyShapes", () => {
  it("serves job 100 as the oldest revision shows it: a single-object batches, with a bare status, under dataSetId", async () => {
    const target = await start({ legacyShapes: true });
    const reply = await call(target, "GET", "/export/jobs/100");
    expectDescribed("retrieveExportJob", reply);
    const oldest = exampleValue("job-oldest-batches-object") as ExportJob;
    expect(reply.body.filter).toEqual(oldest.filter);
    expect(reply.body.destination).toEqual({
      dataSetId: "5b7c86968f7b6501e21ba9df",
      segmentPerBatch: false,
      batchId: "da5cfb4de32c4b93a09f7e37fa53ad52",
      batches: { segmentId: "52c26d0d-45f2-47a2-ab30-ed06abc981ff", segmentNs: "ups", status: "realized", batchId: "da5cfb4de32c4b93a09f7e37fa53ad52" },
    });
  });

  it("creates jobs in the legacy forms: one batch as an object, several as an array, one status as a bare string", async () => {
    const target = await start({ legacyShapes: true });
    const one = await call(target, "POST", "/export/jobs", { json: perSegment });
    expectDescribed("createExportJob", one);
    expect(one.body.destination).toEqual({
      dataSetId: "5b7c86968f7b6501e21ba9df",
      segmentPerBatch: true,
      batches: { segmentId: "seg-a", segmentNs: "ups", status: "realized", batchId: expect.any(String) },
    });
    const two = await call(target, "POST", "/export/jobs", { json: twoSegments });
    expectDescribed("createExportJob", two);
    expect(two.body.destination.batches).toEqual([
      { segmentId: "seg-a", segmentNs: "ups", status: "exited", batchId: expect.any(String) },
      { segmentId: "seg-b", segmentNs: "AAM", status: ["realized", "existing"], batchId: expect.any(String) },
    ]);
    // The same forms when the job is read back, alone or in the list.
    expect((await call(target, "GET", `/export/jobs/${one.body.id}`)).body).toEqual(one.body);
    const listed = (await call(target, "GET", "/export/jobs")).body.records;
    expect(listed.find((job: ExportJob) => job.id === two.body.id)).toEqual(two.body);
    expect(listed.every((job: ExportJob) => job.destination?.datasetId === undefined && job.destination?.dataSetId !== undefined)).toBe(true);
  });

  it("sends only the canonical forms without it", async () => {
    const target = await start();
    const created = await call(target, "POST", "/export/jobs", { json: perSegment });
    expect(created.body.destination.batches).toEqual([{ segmentId: "seg-a", segmentNs: "ups", status: ["realized"], batchId: expect.any(String) }]);
    const listed: ExportJob[] = (await call(target, "GET", "/export/jobs")).body.records;
    for (const job of listed) {
      expect(job.destination?.dataSetId, `job ${job.id}`).toBeUndefined();
      const batches = job.destination?.batches;
      if (batches !== undefined) expect(Array.isArray(batches) && batches.every((b) => Array.isArray(b.status))).toBe(true);
    }
    expect(listed.find((job) => job.id === 100)?.destination?.batches).toBeUndefined();
  });

  it("is read by the project's client, which validates it and normalizes it back to the canonical form", async () => {
    const target = await start({ legacyShapes: true, credentials: { accessToken: TOKEN, apiKey: API_KEY, orgId: ORG } });
    const client = createExportJobsClient({ baseUrl: target.url, accessToken: TOKEN, apiKey: API_KEY, orgId: ORG, validateResponses: true, retry: false });

    const oldest = normalizeExportJob(await retrieveExportJob(client, 100));
    expect(oldest.destination).toEqual({
      datasetId: "5b7c86968f7b6501e21ba9df",
      segmentPerBatch: false,
      batchId: "da5cfb4de32c4b93a09f7e37fa53ad52",
      batches: [{ segmentId: "52c26d0d-45f2-47a2-ab30-ed06abc981ff", segmentNs: "ups", status: ["realized"], batchId: "da5cfb4de32c4b93a09f7e37fa53ad52" }],
    });

    const created = normalizeExportJob(await createExportJob(client, twoSegments));
    expect(created.destination).toEqual({
      datasetId: "5b7c86968f7b6501e21ba9df",
      segmentPerBatch: true,
      batches: [
        { segmentId: "seg-a", segmentNs: "ups", status: ["exited"], batchId: expect.any(String) },
        { segmentId: "seg-b", segmentNs: "AAM", status: ["realized", "existing"], batchId: expect.any(String) },
      ],
    });

    for await (const job of iterateExportJobs(client, { limit: 2 })) {
      const { destination } = normalizeExportJob(job);
      expect(destination?.datasetId, `job ${job.id}`).toEqual(expect.any(String));
      for (const batch of destination?.batches ?? []) expect(Array.isArray(batch.status ?? [])).toBe(true);
    }
  });
});
