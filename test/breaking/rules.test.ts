// Each classification rule of `npm run check:breaking`, both ways: an edit that breaks TypeScript
// consumers of the generated types (exit status 1, the change named), and its harmless
// counterpart (exit status 0). The edits are made on copies of the bundled description.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { componentsReachedFromResponses, decodePointer } from "../../scripts/lib/breaking-rules.js";
import { locate } from "../../scripts/lib/breaking-sources.js";
import { bundleWorkingTree, compare, repositoryRoot, verdict, type Doc } from "./bundled.js";

let base: Doc;
beforeAll(async () => {
  base = await bundleWorkingTree();
}, 60_000);

const schemas = (doc: Doc) => doc.components.schemas;
const item = (doc: Doc) => doc.paths["/export/jobs/{EXPORT_JOB_ID}"];
const listJobs = (doc: Doc) => doc.paths["/export/jobs"].get;
const edited = (edit: (doc: Doc) => void): Doc => {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
};

describe("which schemas reach responses", { timeout: 20_000 }, () => {
  it("SegmentStatus is used by create requests and by job responses; ExportJobStatusFilter and CreateExportJobRequest only by requests", () => {
    const reached = componentsReachedFromResponses(base);
    expect(reached.get("#/components/schemas/SegmentStatus")).toEqual(expect.arrayContaining(["listExportJobs", "createExportJob", "retrieveExportJob"]));
    expect(reached.has("#/components/schemas/ExportJobStatus")).toBe(true);
    expect(reached.has("#/components/schemas/ExportJobStatusFilter")).toBe(false);
    expect(reached.has("#/components/schemas/CreateExportJobRequest")).toBe(false);
  });
});

describe("where a change is reported", { timeout: 20_000 }, () => {
  const lineOf = (file: string, text: string) => readFileSync(join(repositoryRoot, file), "utf8").split("\n").indexOf(text) + 1;

  it("a component's change, in its own file at its line", () => {
    const file = "openapi/components/schemas/ExportJobStatus.yaml";
    expect(locate(repositoryRoot, base, decodePointer("#/components/schemas/ExportJobStatus/enum/3"))).toEqual({ file, line: lineOf(file, "  - FAILED") });
  });
  it("an operation's change, in its path file", () => {
    const file = "openapi/paths/export_jobs_{EXPORT_JOB_ID}.yaml";
    expect(locate(repositoryRoot, base, decodePointer("#/paths/~1export~1jobs~1{EXPORT_JOB_ID}/delete/responses/204"))).toEqual({ file, line: lineOf(file, "    '204':") });
  });
  it("the decision log's change, in openapi/README.md (added to its tag when bundling)", () => {
    const index = base.tags.findIndex((t: Doc) => t.name === "Reconciliation notes");
    expect(locate(repositoryRoot, base, ["tags", String(index), "description"])).toEqual({ file: "openapi/README.md", line: 1 });
  });
  it("a place that is gone, at the nearest part that is left", () => {
    const file = "openapi/components/schemas/ExportJobStatus.yaml";
    expect(locate(repositoryRoot, base, decodePointer("#/components/schemas/ExportJobStatus/enum/9"))).toEqual({ file, line: lineOf(file, "enum:") });
  });
});

describe("classification for TypeScript consumers", { timeout: 20_000 }, () => {
  it("an unchanged description has no change", () => {
    expect(compare(base, structuredClone(base))).toMatchObject({ exit: 0, changes: [] });
  });

  describe("operations", () => {
    it("removing an operation is breaking", () => {
      const result = verdict(base, (doc) => delete item(doc).delete);
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([
        expect.objectContaining({ rule: "operation-removed", subject: "`cancelExportJob` (DELETE /export/jobs/{EXPORT_JOB_ID})", pointer: "#/paths/~1export~1jobs~1{EXPORT_JOB_ID}/delete" }),
      ]);
    });
    it("renaming an operation (its operationId) is breaking", () => {
      // api-smart-diff takes an operationId for an annotation; the generated `operations` type is keyed by it.
      const result = verdict(base, (doc) => (listJobs(doc).operationId = "listJobs"));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "operation-renamed", subject: "`listExportJobs` is now `listJobs` (GET /export/jobs)" })]);
    });
    it("adding an operation is not", () => {
      const result = verdict(base, (doc) => {
        item(doc).patch = { operationId: "renameExportJob", responses: { "200": { description: "Renamed." } } };
      });
      expect(result.exit).toBe(0);
      expect(result.changes).toEqual([expect.objectContaining({ classification: "non-breaking", rule: "operation-added" })]);
    });
  });

  describe("response statuses", () => {
    it("removing a response status is breaking", () => {
      const result = verdict(base, (doc) => delete item(doc).delete.responses["204"]);
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "response-removed", subject: "`cancelExportJob` (DELETE /export/jobs/{EXPORT_JOB_ID}) response 204" })]);
    });
    it("adding a response status is not", () => {
      const result = verdict(base, (doc) => {
        item(doc).delete.responses["202"] = { description: "Accepted." };
      });
      expect(result.exit).toBe(0);
      expect(result.changes).toEqual([expect.objectContaining({ classification: "non-breaking" })]);
    });
  });

  describe("parameters", () => {
    it("removing a parameter is breaking", () => {
      const result = verdict(base, (doc) => listJobs(doc).parameters.pop());
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([
        expect.objectContaining({ rule: "parameter-removed", subject: "parameter `status` (query) of `listExportJobs` (GET /export/jobs)", pointer: "#/paths/~1export~1jobs/get/parameters/2" }),
      ]);
    });
    it("removing a path-level parameter is breaking for every operation under it", () => {
      const result = verdict(base, (doc) => (item(doc).parameters = []));
      expect(result.exit).toBe(1);
      expect(result.breaking[0]?.sites.map((s) => s.operation)).toEqual(["retrieveExportJob", "cancelExportJob"]);
    });
    it("adding an optional parameter is not", () => {
      const result = verdict(base, (doc) => listJobs(doc).parameters.push({ name: "orderBy", in: "query", schema: { type: "string" } }));
      expect(result.exit).toBe(0);
      expect(result.changes).toEqual([expect.objectContaining({ classification: "non-breaking" })]);
    });
    it("making a parameter required is breaking", () => {
      const result = verdict(base, (doc) => (doc.components.parameters.Limit.required = true));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "parameter-required", subject: "parameter `limit` (query) of `listExportJobs` (GET /export/jobs)" })]);
    });
    it("adding a required parameter is breaking", () => {
      const result = verdict(base, (doc) => listJobs(doc).parameters.push({ name: "orderBy", in: "query", required: true, schema: { type: "string" } }));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "parameter-required" })]);
    });
    it("making a required parameter optional is not", () => {
      const result = compare(
        edited((doc) => (doc.components.parameters.Limit.required = true)),
        base,
      );
      expect(result.exit).toBe(0);
      expect(result.breaking).toEqual([]);
    });
  });

  describe("enum values", () => {
    it("removing an enum value is breaking (ExportJobStatus, in responses)", () => {
      // api-smart-diff calls this harmless for a response; the project's rule overrides it.
      const result = verdict(base, (doc) => (schemas(doc).ExportJobStatus.enum = ["NEW", "PROCESSING", "SUCCEEDED"]));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([
        expect.objectContaining({ rule: "enum-value-removed", subject: "`ExportJobStatus` loses `FAILED`", pointer: "#/components/schemas/ExportJobStatus/enum/3" }),
      ]);
      expect(result.breaking[0]?.library.type).toBe("non-breaking");
    });
    it("removing an enum value is breaking (ExportJobStatusFilter, request only)", () => {
      const result = verdict(base, (doc) => (schemas(doc).ExportJobStatusFilter.enum = ["NEW", "SUCCEEDED"]));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "enum-value-removed", subject: "`ExportJobStatusFilter` loses `FAILED`" })]);
    });
    it("reordering an enum's values is not a change", () => {
      const result = verdict(base, (doc) => schemas(doc).ExportJobStatus.enum.reverse());
      expect(result).toMatchObject({ exit: 0, changes: [] });
    });
    it("adding a value to an enum that appears in responses is breaking (ExportJobStatus gains CANCELLED)", () => {
      const result = verdict(base, (doc) => schemas(doc).ExportJobStatus.enum.push("CANCELLED"));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([
        expect.objectContaining({ rule: "response-enum-value-added", subject: "`ExportJobStatus` gains `CANCELLED`", pointer: "#/components/schemas/ExportJobStatus/enum/4" }),
      ]);
      expect(result.breaking[0]?.why).toMatch(/exhaustive `switch`/);
      expect(result.breaking[0]?.sites.map((s) => `${s.operation} ${s.part}`)).toEqual([
        "listExportJobs response 200",
        "createExportJob response 200",
        "retrieveExportJob response 200",
      ]);
    });
    it("adding a value to a request-only enum is not (ExportJobStatusFilter gains PROCESSING)", () => {
      const result = verdict(base, (doc) => schemas(doc).ExportJobStatusFilter.enum.push("PROCESSING"));
      expect(result.exit).toBe(0);
      expect(result.changes).toEqual([
        expect.objectContaining({ classification: "non-breaking", rule: "request-enum-value-added", subject: "`ExportJobStatusFilter` gains `PROCESSING`" }),
      ]);
    });
    it("an enum used in requests and responses follows the response rule, in the request too (SegmentStatus gains pending)", () => {
      const result = verdict(base, (doc) => schemas(doc).SegmentStatus.enum.push("pending"));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ subject: "`SegmentStatus` gains `pending`", pointer: "#/components/schemas/SegmentStatus/enum/3" })]);
      // api-smart-diff calls the request side non-breaking; the project's rule overrides it.
      const request = result.breaking[0]?.sites.find((s) => s.part === "request body");
      expect(request).toMatchObject({ operation: "createExportJob", classification: "breaking", rule: "shared-enum-value-added" });
    });
  });

  describe("required request fields", () => {
    it("making a request field required is breaking", () => {
      const result = verdict(base, (doc) => schemas(doc).CreateExportJobRequest.required.push("fields"));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "request-field-required", subject: "`CreateExportJobRequest.fields`" })]);
    });
    it("making a required request field optional is not", () => {
      const result = verdict(base, (doc) => (schemas(doc).CreateExportJobRequest.required = ["destination"]));
      expect(result.exit).toBe(0);
      expect(result.changes).toEqual([expect.objectContaining({ classification: "non-breaking" })]);
    });
    it("adding a required request field is breaking", () => {
      const result = verdict(base, (doc) => {
        schemas(doc).CreateExportJobRequest.properties.label = { type: "string" };
        schemas(doc).CreateExportJobRequest.required.push("label");
      });
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "request-field-required", subject: "`CreateExportJobRequest.label`" })]);
    });
    it("adding an optional request field is not", () => {
      const result = verdict(base, (doc) => (schemas(doc).CreateExportJobRequest.properties.label = { type: "string" }));
      expect(result.exit).toBe(0);
      expect(result.changes).toEqual([expect.objectContaining({ rule: "optional-request-field-added", subject: "`CreateExportJobRequest.label`" })]);
    });
  });

  describe("narrowing and widening request types", () => {
    it("narrowing a request type is breaking (a maximum length on fields)", () => {
      const result = verdict(base, (doc) => (schemas(doc).CreateExportJobRequest.properties.fields.maxLength = 100));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "request-narrowed", subject: "`CreateExportJobRequest.fields (maxLength)`" })]);
    });
    it("narrowing a request type is breaking (a higher minimum for limit)", () => {
      const result = verdict(base, (doc) => (doc.components.parameters.Limit.schema.minimum = 10));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "request-narrowed" })]);
    });
    it("narrowing a request type is breaking (fields becomes an integer)", () => {
      const result = verdict(base, (doc) => (schemas(doc).CreateExportJobRequest.properties.fields.type = "integer"));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "request-narrowed", subject: "`CreateExportJobRequest.fields (type)`" })]);
    });
    it("widening a request type is not (fields may also be null; limit loses its minimum)", () => {
      // api-smart-diff calls any change of `type` breaking; the project's rule overrides it.
      const result = verdict(base, (doc) => {
        schemas(doc).CreateExportJobRequest.properties.fields.type = ["string", "null"];
        delete doc.components.parameters.Limit.schema.minimum;
      });
      expect(result.exit).toBe(0);
      expect(result.changes.map((c) => c.rule).sort()).toEqual(["library-non-breaking", "request-type-widened"]);
    });
  });

  describe("response types", () => {
    it("changing the type of a response field is breaking (creationTime becomes a string)", () => {
      // api-smart-diff calls any change of a response `type` harmless; the project's rule overrides it.
      const result = verdict(base, (doc) => (schemas(doc).ExportJob.properties.creationTime.type = "string"));
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "response-type-changed", subject: "`ExportJob.creationTime (type)`" })]);
    });
    it("narrowing the type of a response field is not (requestId may no longer be null)", () => {
      const result = compare(
        edited((doc) => (schemas(doc).ExportJob.properties.requestId.type = ["string", "null"])),
        base,
      );
      expect(result.exit).toBe(0);
      expect(result.changes).toEqual([expect.objectContaining({ rule: "response-type-narrowed" })]);
    });
  });

  describe("response fields", () => {
    it("adding a response field is not", () => {
      const result = verdict(base, (doc) => (schemas(doc).ExportJob.properties.sandboxName = { type: "string" }));
      expect(result.exit).toBe(0);
      expect(result.changes).toEqual([expect.objectContaining({ rule: "response-field-added", subject: "`ExportJob.sandboxName`" })]);
    });
    it("removing a response field is breaking", () => {
      // api-smart-diff calls this harmless on the wire; code that reads the property stops compiling.
      const result = verdict(base, (doc) => delete schemas(doc).ExportJob.properties.imsOrgId);
      expect(result.exit).toBe(1);
      expect(result.breaking).toEqual([expect.objectContaining({ rule: "property-removed", subject: "`ExportJob.imsOrgId`" })]);
    });
  });

  describe("descriptions and examples", () => {
    it("changing descriptions, summaries and examples is documentation-only", () => {
      const result = verdict(base, (doc) => {
        schemas(doc).ExportJob.description = "An export job.";
        // A description beside a $ref (ExportSegment.status), which api-smart-diff alone reports
        // as a new allOf member, breaking in a request.
        schemas(doc).ExportSegment.properties.status.description = "Which members to export.";
        listJobs(doc).summary = "List the export jobs";
        doc.components.examples["job-succeeded"].value.id = 11038;
        schemas(doc).ExportJob.properties.creationTime.examples = [1538615973000];
        doc.components.parameters.Limit.example = 25;
        doc.tags[0].description = "Export jobs.";
      });
      expect(result.exit).toBe(0);
      expect(result.changes.length).toBe(7);
      expect(result.changes.every((c) => c.classification === "documentation")).toBe(true);
    });
    it("changing the type beside a description is not documentation", () => {
      const result = verdict(base, (doc) => {
        schemas(doc).ExportJob.properties.creationTime.description = "When the job was created.";
        schemas(doc).ExportJob.properties.creationTime.type = "number";
      });
      expect(result.exit).toBe(1);
      expect(result.changes.map((c) => `${c.classification} ${c.rule}`).sort()).toEqual(["breaking response-type-changed", "documentation documentation"]);
    });
  });
});
