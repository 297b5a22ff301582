// Names, serializes and writes the extracted examples as one JSON file each, byte-for-byte
// reproducible, and removes files a previous run wrote that the current run no longer produces.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DocExample } from "./doc-examples.js";

/** `000_3441314930b25bf8.txt` → `000`. */
export function variantPrefix(variant: string): string {
  return variant.replace(/\.[^.]*$/, "").split("_")[0]!;
}

/**
 * `000-listExportJobs-response-200`, `000-createExportJob-request`,
 * `000-createExportJob-response-200-destination`; a second example with the same name gets `-2`.
 */
export function fixtureNames(examples: DocExample[]): string[] {
  const seen = new Map<string, number>();
  return examples.map((e) => {
    const parts = [variantPrefix(e.variant), e.operationId, e.kind];
    if (e.status !== null) parts.push(String(e.status));
    if (e.fragment !== null) parts.push(e.fragment);
    const base = parts.join("-");
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

function sortedKeys<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

/** Provenance keys sorted; the payload keeps the document's key order, since it is the data itself. */
export function serializeFixture(example: DocExample): string {
  const record = sortedKeys({ ...example, section: sortedKeys(example.section) });
  return `${JSON.stringify(record, null, 2)}\n`;
}

export interface WriteResult {
  written: string[];
  unchanged: string[];
  deleted: string[];
}

/**
 * Writes `<name>.json` per example into `dir`. Stale files are those not written now whose
 * name starts with one of `pruneVariants`' prefixes, or every other `.json` when `pruneVariants` is "all".
 */
export async function writeFixtures(dir: string, examples: DocExample[], pruneVariants: string[] | "all"): Promise<WriteResult> {
  await mkdir(dir, { recursive: true });
  const result: WriteResult = { written: [], unchanged: [], deleted: [] };
  const produced = new Set<string>();
  const names = fixtureNames(examples);
  for (const [i, example] of examples.entries()) {
    const file = `${names[i]}.json`;
    produced.add(file);
    const contents = serializeFixture(example);
    const before = await readFile(join(dir, file), "utf8").catch(() => undefined);
    if (before === contents) {
      result.unchanged.push(file);
    } else {
      await writeFile(join(dir, file), contents);
      result.written.push(file);
    }
  }
  const prefixes = pruneVariants === "all" ? null : pruneVariants.map((v) => `${variantPrefix(v)}-`);
  for (const file of (await readdir(dir)).sort()) {
    if (!file.endsWith(".json") || produced.has(file)) continue;
    if (prefixes === null || prefixes.some((p) => file.startsWith(p))) {
      await rm(join(dir, file));
      result.deleted.push(file);
    }
  }
  return result;
}
