// The working tree's description, bundled once per test file into a temporary folder (not
// dist/, which the build owns), and the verdict the check gives for an edited copy of it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compareDescriptions, count, type Change } from "../../scripts/lib/breaking-rules.js";
import { exitCode } from "../../scripts/lib/breaking-report.js";
import { bundle } from "../../scripts/lib/breaking-sources.js";

export type Doc = Record<string, any>;

export const repositoryRoot = resolve(import.meta.dirname, "../..");

export async function bundleWorkingTree(): Promise<Doc> {
  const dir = mkdtempSync(join(tmpdir(), "aep-breaking-bundle-"));
  try {
    return await bundle(repositoryRoot, join(dir, "openapi.json"), "in the working tree", 60_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Verdict {
  exit: 0 | 1;
  changes: Change[];
  breaking: Change[];
}

/** Compares `before` with a copy edited by `edit`, as `npm run check:breaking` would. */
export function verdict(before: Doc, edit: (doc: Doc) => void): Verdict {
  const after = structuredClone(before);
  edit(after);
  return compare(before, after);
}

export function compare(before: Doc, after: Doc): Verdict {
  const changes = compareDescriptions(before, after);
  const counts = count(changes);
  return { exit: exitCode({ base: { ref: "test", commit: "0".repeat(40) }, counts, changes }), changes, breaking: changes.filter((c) => c.classification === "breaking") };
}
