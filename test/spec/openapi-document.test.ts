// The bundled description is a valid OpenAPI 3.1 document, in one file with no external refs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bundled } from "../support/openapi.js";

describe("the bundled description", () => {
  it("is OpenAPI 3.1", () => {
    expect(bundled.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it("validates against the OpenAPI 3.1 schema", async () => {
    const { validate } = await import("../support/oas31-schema.js");
    const errors = validate(bundled);
    expect(errors).toEqual([]);
  });

  it("has no external references", () => {
    const refs = JSON.stringify(bundled).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => !r.startsWith('"$ref":"#/'))).toEqual([]);
  });

  it("is the same document in YAML and JSON", () => {
    expect(parse(readFileSync("dist/openapi.yaml", "utf8"))).toEqual(bundled);
  });

  it("keeps the vendor's operation ids", () => {
    const ids = Object.values<any>(bundled.paths).flatMap((item) => Object.values<any>(item).map((op) => op?.operationId).filter(Boolean));
    expect(ids.sort()).toEqual(["cancelExportJob", "createExportJob", "listExportJobs", "retrieveExportJob"]);
  });

  it("renders the reconciliation notes in the docs", () => {
    const tag = bundled.tags.find((t: any) => t.name === "Reconciliation notes");
    expect(tag["x-traitTag"]).toBe(true);
    expect(tag.description).toContain("| D1 ");
  });

  it("rejects a broken document in the schema check", async () => {
    const { validate } = await import("../support/oas31-schema.js");
    const broken = structuredClone(bundled);
    delete broken.info;
    broken.paths["/export/jobs"].get.responses = "none";
    expect(validate(broken).length).toBeGreaterThan(0);
  });
});
