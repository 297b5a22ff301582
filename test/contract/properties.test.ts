// Property-based tests: create bodies generated from the description's schemas are accepted by
// the generated validator and by Prism; breaking any one field of such a body is refused with
// an issue that points at that field; normalizeExportJob is idempotent and keeps every batch.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createExportJob, normalizeExportJob, validatePayload, type CreateExportJobRequest, type ExportJob } from "../../src/index.js";
import { createExportJob_body, schema_ExportJob } from "../../generated/validators.js";
import { bundled } from "../support/openapi.js";
import { prismClient } from "./prism.support.js";

// ---- valid values, following openapi/components/schemas/*.yaml ----------------------------

const text = fc.string({ maxLength: 24 });
const nonEmptyText = fc.string({ minLength: 1, maxLength: 24 });
const dateTime = fc
  .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString());
const segmentStatus = fc.constantFrom("realized", "existing", "exited");
const optional = { requiredKeys: [] as [] };

const segment = fc.record(
  { segmentId: text, segmentNs: text, status: fc.array(segmentStatus, { maxLength: 3 }) },
  { requiredKeys: ["segmentId"] },
);
const exportJobFilter = fc.record(
  {
    segments: fc.array(segment, { maxLength: 3 }),
    segmentQualificationTime: fc.record({ startTime: dateTime, endTime: dateTime }, optional),
    fromIngestTimestamp: dateTime,
    emptyProfiles: fc.boolean(),
  },
  optional,
);
const mergePolicy = fc.record({ id: text, version: fc.integer({ min: 1, max: 2 ** 31 - 1 }) }, optional);
const additionalFields = fc.record(
  {
    eventList: fc.record(
      { fields: text, filter: fc.record({ fromIngestTimestamp: dateTime, toIngestTimestamp: dateTime }, optional) },
      optional,
    ),
  },
  optional,
);

const createExportJobRequest: fc.Arbitrary<CreateExportJobRequest> = fc.record(
  {
    fields: text,
    mergePolicy,
    filter: exportJobFilter,
    additionalFields,
    destination: fc.record({ datasetId: nonEmptyText, segmentPerBatch: fc.boolean() }, { requiredKeys: ["datasetId"] }),
    schema: fc.record({ name: nonEmptyText }),
    evaluationInfo: fc.record({ segmentation: fc.boolean() }, optional),
  },
  { requiredKeys: ["destination", "schema"] },
);

// ---- single-field breakages, found by walking the body alongside its schema ----------------

interface Breakage {
  kind: string;
  /** JSON pointer of the field the breakage touches. */
  pointer: string;
  apply(body: any): void;
}

type Schema = Record<string, any>;

function resolve(schema: Schema): Schema {
  if (typeof schema.$ref !== "string") return schema;
  const name = schema.$ref.replace("#/components/schemas/", "");
  return resolve(bundled.components.schemas[name]);
}

function parentOf(body: any, path: (string | number)[]): any {
  return path.slice(0, -1).reduce((node, key) => node[key], body);
}

function setAt(path: (string | number)[], value: unknown) {
  return (body: any) => {
    parentOf(body, path)[path.at(-1)!] = value;
  };
}

const pointerOf = (path: (string | number)[]) => path.map((p) => `/${p}`).join("");

/** A value of the wrong JSON type for the schema. */
function wrongType(schema: Schema): unknown {
  switch (schema.type) {
    case "string":
      return 42;
    case "integer":
    case "number":
      return "1";
    case "boolean":
      return "true";
    case "array":
      return {};
    default:
      return [];
  }
}

/** Every way to break one field of `value`, which matches `schema`. */
function breakages(value: unknown, schemaOrRef: Schema, path: (string | number)[] = []): Breakage[] {
  const schema = resolve(schemaOrRef);
  const found: Breakage[] = [];
  if (path.length > 0) found.push({ kind: "wrong type", pointer: pointerOf(path), apply: setAt(path, wrongType(schema)) });
  if (schema.enum) found.push({ kind: "outside the enum", pointer: pointerOf(path), apply: setAt(path, `not-${schema.enum[0]}`) });
  if (schema.minLength === 1) found.push({ kind: "empty", pointer: pointerOf(path), apply: setAt(path, "") });
  if (schema.minimum !== undefined) found.push({ kind: "below the minimum", pointer: pointerOf(path), apply: setAt(path, schema.minimum - 1) });
  if (schema.format === "date-time") found.push({ kind: "not a date-time", pointer: pointerOf(path), apply: setAt(path, "yesterday") });
  if (schema.type === "array" && Array.isArray(value)) {
    value.forEach((item, index) => found.push(...breakages(item, schema.items, [...path, index])));
  }
  if (schema.type === "object" && value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      const at = [...path, key];
      found.push({ kind: "required field dropped", pointer: pointerOf(at), apply: (body) => delete parentOf(body, at)[key] });
    }
    if (schema.additionalProperties === false) {
      // The legacy response spelling is the likeliest unknown key in a create body.
      const at = [...path, "dataSetId"];
      found.push({ kind: "unknown key", pointer: pointerOf(at), apply: setAt(at, "x") });
    }
    for (const [key, child] of Object.entries(object)) {
      found.push(...breakages(child, schema.properties[key], [...path, key]));
    }
  }
  return found;
}

const createSchema = bundled.components.schemas.CreateExportJobRequest as Schema;

// The kind first, then a field it applies to: a kind that fits one field (only one has a minimum)
// is tried as often as one that fits them all, so that every kind is reached in a few runs.
const brokenBody = createExportJobRequest.chain((body) => {
  const byKind = new Map<string, Breakage[]>();
  for (const breakage of breakages(body, createSchema)) byKind.set(breakage.kind, [...(byKind.get(breakage.kind) ?? []), breakage]);
  return fc.constantFrom(...byKind.values()).chain((options) => fc.constantFrom(...options)).map((breakage) => {
    const broken = structuredClone(body);
    breakage.apply(broken);
    return { body: broken, breakage };
  });
});

// ---- jobs as the API reports them, in canonical and legacy forms ----------------------------

const batch = fc.record(
  { segmentId: text, segmentNs: text, status: fc.oneof(fc.array(segmentStatus, { maxLength: 3 }), segmentStatus), batchId: text },
  optional,
);
const job: fc.Arbitrary<ExportJob> = fc.record(
  {
    id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    status: fc.constantFrom("NEW", "PROCESSING", "SUCCEEDED", "FAILED"),
    creationTime: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    destination: fc.record(
      {
        datasetId: text,
        dataSetId: text,
        segmentPerBatch: fc.boolean(),
        batchId: text,
        batches: fc.oneof(fc.array(batch, { maxLength: 4 }), batch),
      },
      optional,
    ),
    schema: fc.record({ name: nonEmptyText }),
  },
  { requiredKeys: ["id", "status"] },
);

const batchesOf = (j: { destination?: { batches?: unknown } }): { batchId?: string }[] => {
  const batches = j.destination?.batches;
  return batches === undefined ? [] : Array.isArray(batches) ? batches : [batches as { batchId?: string }];
};

// ---- the properties ---------------------------------------------------------------------------

describe("create bodies generated from the schemas", () => {
  it("are accepted by the generated validator", () => {
    fc.assert(
      fc.property(createExportJobRequest, (body) => {
        const valid = createExportJob_body(body);
        expect(createExportJob_body.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("are accepted by Prism through the client", async () => {
    const { client, exchanges } = prismClient();
    await fc.assert(
      fc.asyncProperty(createExportJobRequest, async (body) => {
        exchanges.length = 0;
        const created = await createExportJob(client, body);
        expect(created.id).toBeGreaterThan(0);
        expect(exchanges.map((e) => [e.status, e.violations])).toEqual([[200, null]]);
      }),
      { numRuns: 20 },
    );
  });

  it("are refused when any one field is broken, with an issue at that field", async () => {
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(brokenBody, async ({ body, breakage }) => {
        kinds.add(breakage.kind);
        expect(createExportJob_body(body)).toBe(false);
        const result = await validatePayload("create-request", body);
        expect(result.valid).toBe(false);
        expect(result.issues.map((i) => i.pointer)).toContain(breakage.pointer);
      }),
      { numRuns: 200 },
    );
    // Guards the walk above: every kind of breakage was tried.
    expect([...kinds].sort()).toEqual(
      ["below the minimum", "empty", "not a date-time", "outside the enum", "required field dropped", "unknown key", "wrong type"].sort(),
    );
  });

  it.each([
    ["destination", "required field dropped"],
    ["schema", "required field dropped"],
    ["destination/datasetId", "required field dropped"],
    ["schema/name", "required field dropped"],
    ["dataSetId", "unknown key"],
    ["destination/dataSetId", "unknown key"],
  ])("can break /%s (%s)", async (field, kind) => {
    // The required fields and the likeliest unknown keys are always among the breakages tried.
    const body = fc.sample(createExportJobRequest, { numRuns: 1, seed: 1 })[0]!;
    const breakage = breakages(body, createSchema).find((b) => b.pointer === `/${field}` && b.kind === kind);
    expect(breakage).toBeDefined();
    const broken = structuredClone(body);
    breakage!.apply(broken);
    const result = await validatePayload("create-request", broken);
    expect(result.issues.map((i) => i.pointer)).toContain(`/${field}`);
  });
});

describe("normalizeExportJob", () => {
  it("gets jobs the description allows, in canonical and legacy forms", () => {
    fc.assert(
      fc.property(job, (j) => {
        expect(schema_ExportJob.errors ?? [], JSON.stringify(j)).toEqual([]);
        expect(schema_ExportJob(j)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(job, (j) => {
        const once = normalizeExportJob(j);
        expect(normalizeExportJob(once as ExportJob)).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });

  it("never loses a batch, and gives the canonical form", () => {
    fc.assert(
      fc.property(job, (j) => {
        const before = structuredClone(j);
        const normalized = normalizeExportJob(j);
        expect(j).toEqual(before);
        // Without batches, the one batchId a job created without segmentPerBatch carries is its batch.
        const expected = j.destination?.batches === undefined && j.destination?.batchId !== undefined ? [j.destination.batchId] : batchesOf(j).map((b) => b.batchId);
        expect(batchesOf(normalized).map((b) => b.batchId)).toEqual(expected);
        if (j.destination !== undefined) expect(Array.isArray(normalized.destination?.batches)).toBe(true);
        for (const b of normalized.destination?.batches ?? []) {
          if (b.status !== undefined) expect(Array.isArray(b.status)).toBe(true);
        }
        expect(normalized.destination ?? {}).not.toHaveProperty("dataSetId");
        expect(normalized.destination?.datasetId).toBe(j.destination?.datasetId ?? j.destination?.dataSetId);
        expect(schema_ExportJob(normalized)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
