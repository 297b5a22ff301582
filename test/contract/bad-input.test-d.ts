// Where TypeScript can tell, bad input does not compile. It cannot tell a number's range: ids
// 0, -1 and 1.5 and limit 0 type-check as numbers and are refused at run time instead
// (see bad-input.test.ts).
import { describe, expectTypeOf, it } from "vitest";
import {
  createExportJob,
  createExportJobsClient,
  listExportJobs,
  retrieveExportJob,
  type CreateExportJobRequest,
  type ExportJobStatusFilter,
} from "../../src/index.js";

const client = createExportJobsClient({ accessToken: "t", apiKey: "k", orgId: "o@AdobeOrg" });
const destination = { datasetId: "5b7c86968f7b6501e21ba9df" };
const schema = { name: "_xdm.context.profile" };

describe("job ids", () => {
  it("must be numbers", () => {
    // @ts-expect-error a string id
    void retrieveExportJob(client, "abc");
    // @ts-expect-error a string id in the typed path parameters
    void client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: "abc" } } });
    // @ts-expect-error the path parameter is required
    void client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: {} } });
  });

  it("are not range-checked by the types: 0, -1 and 1.5 compile", () => {
    void retrieveExportJob(client, 0);
    void retrieveExportJob(client, -1);
    void retrieveExportJob(client, 1.5);
  });
});

describe("list parameters", () => {
  it("limit must be a number, though 0 and negatives compile", () => {
    // @ts-expect-error a string limit
    void listExportJobs(client, { limit: "10" });
    void listExportJobs(client, { limit: 0 });
    void listExportJobs(client, { limit: -1 });
  });

  it("the status filter is NEW, SUCCEEDED or FAILED only", () => {
    expectTypeOf<ExportJobStatusFilter>().toEqualTypeOf<"NEW" | "SUCCEEDED" | "FAILED">();
    // @ts-expect-error PROCESSING cannot be filtered on
    void listExportJobs(client, { status: "PROCESSING" });
    // @ts-expect-error the documentation's misspelling
    void listExportJobs(client, { status: "SUCCESSEDED" });
    // @ts-expect-error the typed query, too
    void client.GET("/export/jobs", { params: { query: { status: "SUCCESSEDED" } } });
  });
});

describe("create bodies", () => {
  it("need destination.datasetId", () => {
    // @ts-expect-error datasetId is required
    void createExportJob(client, { destination: {}, schema });
    // @ts-expect-error destination is required
    void createExportJob(client, { schema });
  });

  it("need schema.name", () => {
    // @ts-expect-error name is required
    void createExportJob(client, { destination, schema: {} });
    // @ts-expect-error schema is required
    void createExportJob(client, { destination });
  });

  it("refuse the legacy key dataSetId in an object literal", () => {
    // @ts-expect-error dataSetId is only ever read from responses
    void createExportJob(client, { destination: { datasetId: "d", dataSetId: "d" }, schema });
    // @ts-expect-error not at the top level either
    void createExportJob(client, { destination, schema, dataSetId: "d" });
  });

  it("refuse misspelt enum values", () => {
    // @ts-expect-error exiting is not a segment status
    void createExportJob(client, { destination, schema, filter: { segments: [{ segmentId: "s", status: ["exiting"] }] } });
  });

  it("accept an extra key held in a variable: excess properties are only checked on literals", () => {
    const body = { destination: { datasetId: "d", dataSetId: "d" }, schema };
    void createExportJob(client, body);
    expectTypeOf(body).toExtend<CreateExportJobRequest>();
  });
});
