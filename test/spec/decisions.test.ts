// One describe block per row of the decision log (openapi/README.md), named by its id. Each test
// validates payloads against the bundled description, so a change to the description that
// undoes a decision fails here.
import { describe, expect, it } from "vitest";
import { bundled, check, exampleValue } from "../support/openapi.js";

const job = (extra: Record<string, unknown> = {}) => ({ id: 11037, status: "SUCCEEDED", ...extra });
const withBatches = (batches: unknown) => job({ destination: { datasetId: "5b7c86968f7b6501e21ba9df", segmentPerBatch: true, batches } });
const createBody = (extra: Record<string, unknown> = {}) => ({
  destination: { datasetId: "5b7c86968f7b6501e21ba9df" },
  schema: { name: "_xdm.context.profile" },
  ...extra,
});
const withSegmentStatus = (status: unknown) =>
  createBody({ filter: { segments: [{ segmentId: "52c26d0d-45f2-47a2-ab30-ed06abc981ff", status }] } });
const operation = (path: string, method: string) => bundled.paths[path][method];
const schema = (name: string) => bundled.components.schemas[name];

describe("D1 job status in responses", () => {
  it.each(["NEW", "PROCESSING", "SUCCEEDED", "FAILED"])("accepts %s", (status) => {
    expect(check("schema_ExportJob", job({ status })).valid).toBe(true);
    expect(check("retrieveExportJob_200", job({ status })).valid).toBe(true);
  });
  it.each(["SUCCESSEDED", "CANCELLED", "succeeded"])("rejects %s", (status) => {
    expect(check("schema_ExportJob", job({ status })).valid).toBe(false);
  });
});

describe("D2 list status filter", () => {
  it.each(["NEW", "SUCCEEDED", "FAILED"])("accepts %s", (status) => {
    expect(check("listExportJobs_query", { status }).valid).toBe(true);
  });
  it.each(["SUCCESSEDED", "PROCESSING", "new"])("rejects %s", (status) => {
    expect(check("listExportJobs_query", { status }).valid).toBe(false);
  });
});

describe("D3 segment membership status values", () => {
  it.each(["realized", "existing", "exited"])("accepts %s in a create request", (status) => {
    expect(check("createExportJob_body", withSegmentStatus([status])).valid).toBe(true);
  });
  it.each(["exiting", "realisiert", "vorhanden", "beendet", "REALIZED"])("rejects %s", (status) => {
    expect(check("createExportJob_body", withSegmentStatus([status])).valid).toBe(false);
    expect(check("schema_SegmentStatus", status).valid).toBe(false);
  });
});

describe("D4 default segment status", () => {
  it("defaults to the newest revision's [\"realized\"] and names the older default", () => {
    const status = schema("ExportSegment").properties.status;
    expect(status.default).toEqual(["realized"]);
    expect(status.description).toContain('["realized", "existing"]');
  });
  it("documents existing as dropped by the newest revision but still accepted", () => {
    expect(schema("SegmentStatus").description).toMatch(/existing.*newest revision/s);
  });
});

describe("D5 job 722's segment status in the list example", () => {
  it("accepts both the newest [\"realized\"] and the older [\"realized\", \"existing\"] pages", () => {
    expect(check("listExportJobs_200", exampleValue("list-newest")).valid).toBe(true);
    const older = exampleValue("list-existing-status") as any;
    expect(older.records[1].filter.segments[0].status).toEqual(["realized", "existing"]);
    expect(check("listExportJobs_200", older).valid).toBe(true);
  });
});

describe("D6 destination.batches", () => {
  const batch = { segmentId: "segment1", segmentNs: "ups", status: ["realized"], batchId: "da5cfb4de32c4b93a09f7e37fa53ad52" };
  it("accepts the canonical array of batches", () => {
    expect(check("schema_ExportJob", withBatches([batch, { ...batch, segmentId: "segment2" }])).valid).toBe(true);
  });
  it("accepts the legacy single batch object", () => {
    expect(check("schema_ExportJob", withBatches(batch)).valid).toBe(true);
  });
  it("rejects other shapes", () => {
    expect(check("schema_ExportJob", withBatches("da5cfb4de32c4b93a09f7e37fa53ad52")).valid).toBe(false);
    expect(check("schema_ExportJob", withBatches([{ ...batch, unknown: 1 }])).valid).toBe(false);
  });
  it("marks the single object as deprecated", () => {
    expect(schema("ExportBatches").oneOf[0].type).toBe("array");
    expect(schema("ExportBatches").oneOf[1].deprecated).toBe(true);
  });
});

describe("D7 a batch's status", () => {
  const batch = (status: unknown) => withBatches([{ segmentId: "segment2", status, batchId: "df4gssdfb93a09f7e37fa53ad52" }]);
  it("accepts the canonical array and the legacy bare string", () => {
    expect(check("schema_ExportJob", batch(["exited"])).valid).toBe(true);
    expect(check("schema_ExportJob", batch("exited")).valid).toBe(true);
  });
  it("still rejects values outside the enum, in either form", () => {
    expect(check("schema_ExportJob", batch("exiting")).valid).toBe(false);
    expect(check("schema_ExportJob", batch(["exiting"])).valid).toBe(false);
  });
  it("marks the bare string as deprecated", () => {
    expect(schema("BatchStatus").oneOf[1].deprecated).toBe(true);
  });
});

describe("D8 datasetId and dataSetId", () => {
  it("accepts both keys in a response, dataSetId deprecated", () => {
    expect(check("schema_ExportJob", job({ destination: { datasetId: "a" } })).valid).toBe(true);
    expect(check("schema_ExportJob", job({ destination: { dataSetId: "a" } })).valid).toBe(true);
    expect(schema("ExportJobDestination").properties.dataSetId.deprecated).toBe(true);
  });
  it("accepts only datasetId in a request", () => {
    expect(check("createExportJob_body", createBody()).valid).toBe(true);
    expect(check("createExportJob_body", createBody({ destination: { dataSetId: "a" } })).valid).toBe(false);
    expect(check("createExportJob_body", createBody({ destination: { datasetId: "a", dataSetId: "a" } })).valid).toBe(false);
  });
});

describe("D9 cancel answers 200 with a body or 204 without", () => {
  const body = { status: true, message: "Export job has been marked for cancelling" };
  it("declares both", () => {
    const responses = operation("/export/jobs/{EXPORT_JOB_ID}", "delete").responses;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["200", "204"]));
    expect(responses["204"].content).toBeUndefined();
  });
  it("accepts the acknowledgement on 200 and rejects it on 204", () => {
    expect(check("cancelExportJob_200", body).valid).toBe(true);
    expect(check("cancelExportJob_204", body).valid).toBe(false);
  });
  it("gives no 204 response anywhere a content", () => {
    for (const item of Object.values<any>(bundled.paths)) {
      for (const op of Object.values<any>(item)) {
        if (op?.responses?.["204"]) expect(op.responses["204"].content).toBeUndefined();
      }
    }
  });
});

describe("D10 create request requirements and defaults", () => {
  it("accepts the minimal body", () => {
    expect(check("createExportJob_body", exampleValue("create-request-minimal")).valid).toBe(true);
  });
  it.each([
    ["destination", { schema: { name: "_xdm.context.profile" } }],
    ["destination.datasetId", { destination: { segmentPerBatch: true }, schema: { name: "_xdm.context.profile" } }],
    ["schema", { destination: { datasetId: "a" } }],
    ["schema.name", { destination: { datasetId: "a" }, schema: {} }],
  ])("rejects a body without %s", (_field, body) => {
    expect(check("createExportJob_body", body).valid).toBe(false);
  });
  it("states the documented defaults", () => {
    expect(schema("CreateExportJobDestination").properties.segmentPerBatch.default).toBe(false);
    expect(schema("EvaluationInfo").properties.segmentation.default).toBe(false);
  });
  it("rejects the oldest revision's misspelt sgementNs", () => {
    const body = createBody({ filter: { segments: [{ segmentId: "s", sgementNs: "ups" }] } });
    expect(check("createExportJob_body", body).valid).toBe(false);
  });
});

describe("D11 fields that only some revisions show", () => {
  it("accepts evaluationInfo and toIngestTimestamp, and bodies without them", () => {
    expect(check("createExportJob_body", exampleValue("create-request-full")).valid).toBe(true);
    expect(check("createExportJob_body", exampleValue("create-request-without-evaluation-info")).valid).toBe(true);
    expect(check("createExportJob_body", exampleValue("create-request-oldest")).valid).toBe(true);
  });
  it("accepts every metric and both compute job ids", () => {
    const metrics = {
      totalTime: { startTimeInMs: 1, endTimeInMs: 2, totalTimeInMs: 1 },
      profileExportTime: { startTimeInMs: 1, endTimeInMs: 2, totalTimeInMs: 1 },
      aCPDatasetWriteTime: { startTimeInMs: 1, endTimeInMs: 2, totalTimeInMs: 1 },
      totalExportedProfileCounter: 20,
      exportedProfileByNamespaceCounter: { namespace1: 10, namespace2: 5 },
    };
    expect(check("schema_ExportJob", job({ metrics, computeGatewayJobId: { exportJob: "a", pushJob: "b" } })).valid).toBe(true);
  });
  it("rejects a timestamp that is not RFC 3339", () => {
    expect(check("createExportJob_body", createBody({ filter: { fromIngestTimestamp: "01/01/2018" } })).valid).toBe(false);
  });
});

describe("D12 create response", () => {
  const created = operation("/export/jobs", "post").responses["200"];
  it("is 200 with the job and the X-Location header", () => {
    expect(created.headers["X-Location"]).toBeDefined();
    expect(operation("/export/jobs", "post").responses["201"]).toBeUndefined();
  });
  it("shows a new job as NEW in every create response example", () => {
    for (const name of Object.keys(created.content["application/json"].examples)) {
      expect((exampleValue(name) as any).status, name).toBe("NEW");
    }
  });
});

describe("D13 paging", () => {
  it("takes limit as an integer of at least 1", () => {
    expect(check("listExportJobs_query", { limit: 1 }).valid).toBe(true);
    expect(check("listExportJobs_query", { limit: 0 }).valid).toBe(false);
    expect(check("listExportJobs_query", { limit: -5 }).valid).toBe(false);
    expect(check("listExportJobs_query", { limit: 2.5 }).valid).toBe(false);
  });
  it("takes offset as an opaque string", () => {
    expect(check("listExportJobs_query", { offset: "1540974701302_96" }).valid).toBe(true);
  });
  it.each(["/export/jobs/?limit=2&offset=1538573416687_722", "/export/jobs?limit=2&offset=1538573416687_722", ""])(
    "accepts link.next %j",
    (next) => {
      expect(check("listExportJobs_200", { records: [], link: { next } }).valid).toBe(true);
    },
  );
  it("accepts a page without link.next", () => {
    expect(check("listExportJobs_200", { records: [] }).valid).toBe(true);
  });
  it("accepts any page size", () => {
    expect(check("listExportJobs_200", { records: [], page: { pageSize: 10 } }).valid).toBe(true);
    expect(check("listExportJobs_200", { records: [], page: { pageSize: 2 } }).valid).toBe(true);
  });
});

describe("D14 credentials are declared once, as security schemes", () => {
  it("requires all four on every operation without any header parameter", () => {
    expect(bundled.security).toEqual([{ bearerAuth: [], apiKey: [], imsOrgId: [], sandboxName: [] }]);
    const headers = Object.values<any>(bundled.paths)
      .flatMap((item) => Object.values<any>(item))
      .flatMap((op) => (Array.isArray(op) ? op : op?.parameters ?? []))
      .map((p: any) => (p.$ref ? bundled.components.parameters[p.$ref.split("/").pop()] : p))
      .filter((p: any) => p.in === "header")
      .map((p: any) => p.name.toLowerCase());
    expect(headers).toEqual(["x-profile-instance-id"]);
    expect(bundled.components.securitySchemes.imsOrgId.name).toBe("x-gw-ims-org-id");
  });
});

describe("D15 EXPORT_JOB_ID", () => {
  it("is a positive integer", () => {
    expect(check("retrieveExportJob_path", { EXPORT_JOB_ID: 11037 }).valid).toBe(true);
    expect(check("retrieveExportJob_path", { EXPORT_JOB_ID: "11037" }).valid).toBe(true); // as it arrives in a URL
    for (const bad of [0, -1, 1.5, "abc"]) expect(check("retrieveExportJob_path", { EXPORT_JOB_ID: bad }).valid).toBe(false);
  });
});

describe("D16 errors", () => {
  const both = [exampleValue("error-gateway-invalid-token"), exampleValue("error-service-forbidden")];
  it("accepts the gateway's and the service's shapes", () => {
    for (const body of both) expect(check("schema_ApiErrorBody", body).valid).toBe(true);
  });
  it("rejects a body that is neither", () => {
    expect(check("schema_ApiErrorBody", { message: "no code" }).valid).toBe(false);
    expect(check("schema_ApiErrorBody", {}).valid).toBe(false);
  });
  it("declares 400, 401, 403, 429, 500 and 503 with content on every operation, and 404 where an id is involved", () => {
    for (const [path, item] of Object.entries<any>(bundled.paths)) {
      for (const method of ["get", "post", "delete"]) {
        const op = item[method];
        if (!op) continue;
        const expected = ["400", "401", "403", "429", "500", "503", ...(path.includes("{") ? ["404"] : [])];
        for (const status of expected) {
          const response = op.responses[status];
          const resolved = response.$ref ? bundled.components.responses[response.$ref.split("/").pop()] : response;
          expect(resolved.content["application/json"].schema.$ref, `${method} ${path} ${status}`).toBe("#/components/schemas/ApiErrorBody");
        }
      }
    }
  });
});

describe("D17 response schemas are closed", () => {
  it("rejects a field the description does not know", () => {
    expect(check("schema_ExportJob", job({ surprise: true })).valid).toBe(false);
  });
  it("requires id and status on a job", () => {
    expect(check("schema_ExportJob", { id: 1 }).valid).toBe(false);
    expect(check("schema_ExportJob", { status: "NEW" }).valid).toBe(false);
  });
  it("leaves error bodies open", () => {
    expect(check("schema_ApiErrorBody", { error_code: "401013", message: "x", extra: 1 }).valid).toBe(true);
  });
});

describe("D18 servers", () => {
  it("lists production and stage", () => {
    expect(bundled.servers.map((s: any) => s.url)).toEqual([
      "https://platform.adobe.io/data/core/ups",
      "https://platform-stage.adobe.io/data/core/ups",
    ]);
  });
});

describe("D19 every example is valid against its schema", () => {
  it("validates each request and response example of each operation", () => {
    let count = 0;
    for (const item of Object.values<any>(bundled.paths)) {
      for (const op of Object.values<any>(item)) {
        if (!op?.operationId) continue;
        const targets: Array<[string, any]> = [[`${op.operationId}_body`, op.requestBody?.content?.["application/json"]]];
        for (const [status, response] of Object.entries<any>(op.responses)) {
          const resolved = response.$ref ? bundled.components.responses[response.$ref.split("/").pop()] : response;
          targets.push([`${op.operationId}_${status}`, resolved.content?.["application/json"]]);
        }
        for (const [validator, media] of targets) {
          for (const [name, example] of Object.entries<any>(media?.examples ?? {})) {
            const value = example.$ref ? exampleValue(example.$ref.split("/").pop()) : example.value;
            const verdict = check(validator, value);
            expect(verdict.errors, `${validator} ${name}`).toEqual([]);
            count++;
          }
        }
      }
    }
    expect(count).toBeGreaterThanOrEqual(20);
  });
});

describe("D20 epoch milliseconds", () => {
  it("describes creationTime as epoch milliseconds and the examples use them", () => {
    expect(schema("ExportJob").properties.creationTime.description).toContain("epoch milliseconds");
    const created = (exampleValue("job-succeeded") as any).creationTime;
    expect(created).toBeGreaterThan(1e12); // seconds would be ~1.5e9
  });
});

describe("the decision log", () => {
  it("has a row and a describe block for every decision", async () => {
    const log = bundled.tags.find((t: any) => t.name === "Reconciliation notes").description as string;
    const rows = [...log.matchAll(/^\| (D\d+) \|/gm)].map((m) => m[1]);
    const { readFileSync } = await import("node:fs");
    const blocks = [...readFileSync(new URL(import.meta.url), "utf8").matchAll(/^describe\("(D\d+) /gm)].map((m) => m[1]);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(blocks).toEqual(rows);
  });
});
