import { describe, expectTypeOf, it } from "vitest";
import type {
  ApiErrorBody,
  CancelExportJobResult,
  CancellationAcknowledgement,
  CreateExportJobRequest,
  ExportJob,
  ExportJobList,
  ExportJobStatus,
  ExportJobStatusFilter,
  SegmentStatus,
  components,
  operations,
  paths,
} from "../../src/index.js";
import { createExportJobsClient } from "../../src/index.js";

describe("exported types", () => {
  it("names the four job statuses and the three filter values", () => {
    expectTypeOf<ExportJobStatus>().toEqualTypeOf<"NEW" | "PROCESSING" | "SUCCEEDED" | "FAILED">();
    expectTypeOf<ExportJobStatusFilter>().toEqualTypeOf<"NEW" | "SUCCEEDED" | "FAILED">();
    expectTypeOf<SegmentStatus>().toEqualTypeOf<"realized" | "existing" | "exited">();
    expectTypeOf<ExportJob["status"]>().toEqualTypeOf<ExportJobStatus>();
  });

  it("requires destination.datasetId and schema.name in a create body", () => {
    expectTypeOf<{ destination: { datasetId: string }; schema: { name: string } }>().toMatchTypeOf<CreateExportJobRequest>();
    expectTypeOf<{ destination: {}; schema: { name: string } }>().not.toMatchTypeOf<CreateExportJobRequest>();
    expectTypeOf<{ destination: { datasetId: string } }>().not.toMatchTypeOf<CreateExportJobRequest>();
    // @ts-expect-error datasetId is required
    const missing: CreateExportJobRequest = { destination: {}, schema: { name: "_xdm.context.profile" } };
    void missing;
  });

  it("types the list, cancel and error bodies", () => {
    expectTypeOf<ExportJobList["records"]>().toEqualTypeOf<ExportJob[]>();
    expectTypeOf<CancellationAcknowledgement>().toEqualTypeOf<{ status: boolean; message: string }>();
    expectTypeOf<{ error_code: string; message: string }>().toMatchTypeOf<ApiErrorBody>();
    expectTypeOf<components["schemas"]["ExportJob"]>().toEqualTypeOf<ExportJob>();
    expectTypeOf<operations["retrieveExportJob"]["parameters"]["path"]["EXPORT_JOB_ID"]>().toEqualTypeOf<number>();
    expectTypeOf<keyof paths>().toEqualTypeOf<"/export/jobs" | "/export/jobs/{EXPORT_JOB_ID}">();
  });

  it("keeps the cancel body's name from 1.0.0 as a deprecated alias", () => {
    expectTypeOf<CancelExportJobResult>().toEqualTypeOf<CancellationAcknowledgement>();
  });

  it("types the client's calls from the description", () => {
    const client = createExportJobsClient({ accessToken: "t", apiKey: "k", orgId: "o" });
    expectTypeOf(client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: 1 } } })).resolves.toHaveProperty("data").toEqualTypeOf<ExportJob | undefined>();
    // @ts-expect-error the filter accepts only NEW, SUCCEEDED and FAILED
    void client.GET("/export/jobs", { params: { query: { status: "PROCESSING" } } });
    // @ts-expect-error the id is a number
    void client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: "11037" } } });
    // @ts-expect-error credentials are not per-call parameters
    void client.GET("/export/jobs", { params: { header: { "x-api-key": "k" } } });
  });
});
