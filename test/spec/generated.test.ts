// generated/ must be exactly what the description generates: edit the description, then run
// `npm run generate`.
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { staleGeneratedFiles } from "../../scripts/check-generated.js";
import { generatedFiles, readBundledDescription } from "../../scripts/lib/generated-files.js";

// Generated once, for both comparisons.
let expected: Record<string, string>;
beforeAll(async () => {
  expected = await generatedFiles(await readBundledDescription());
});

describe("generated/", () => {
  it("matches the current description (otherwise run `npm run generate`)", async () => {
    expect(await staleGeneratedFiles("generated", expected)).toEqual([]);
  });

  it("is reported stale when a file drifts from the description", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aep-generated-"));
    try {
      cpSync("generated", dir, { recursive: true });
      const file = join(dir, "openapi.d.ts");
      writeFileSync(file, readFileSync(file, "utf8").replace('"PROCESSING" | ', ""));
      expect(await staleGeneratedFiles(dir, expected)).toEqual([file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
