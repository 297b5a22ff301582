// The jobs each organization and sandbox starts with: the example jobs of the description, so that
// what the docs show is what the stand-in answers. Read from the bundled description, which is
// built before the stand-in runs.
import { readFileSync } from "node:fs";
import type { ExportJob, ExportJobList } from "../types.js";

// From src/mock/ and from its compiled copy in dist/mock/ alike, two levels up is the package root.
const DESCRIPTION = new URL("../../dist/openapi.json", import.meta.url);

/** The examples that hold jobs, in order of preference: the first job seen with an id wins. */
export const SEED_EXAMPLES = [
  "list-newest",
  "job-succeeded",
  "job-processing",
  "job-failed",
  "job-oldest-batches-object",
] as const;

// The documents reuse id 100 for the newest revision's job and for the oldest revision's, whose
// single-object `batches` is a legacy form: that one is job 100 when the legacy forms are asked for.
const LEGACY_FIRST = ["job-oldest-batches-object", ...SEED_EXAMPLES.filter((name) => name !== "job-oldest-batches-object")];

export interface SeedOptions {
  /** Job 100 as the oldest revision shows it, rather than the newest. */
  legacyShapes?: boolean;
  descriptionUrl?: URL;
}

export function seedJobs({ legacyShapes = false, descriptionUrl = DESCRIPTION }: SeedOptions = {}): ExportJob[] {
  let description: { components?: { examples?: Record<string, { value?: unknown }> } };
  try {
    description = JSON.parse(readFileSync(descriptionUrl, "utf8"));
  } catch (error) {
    throw new Error(
      `The stand-in seeds its jobs from ${descriptionUrl.pathname}, which cannot be read (${(error as Error).message}); run \`npm run bundle\` first, or start it with seed: false`,
    );
  }
  const byId = new Map<number, ExportJob>();
  for (const name of legacyShapes ? LEGACY_FIRST : SEED_EXAMPLES) {
    const value = description.components?.examples?.[name]?.value;
    if (value === undefined) throw new Error(`The description has no example named ${name} to seed the stand-in with`);
    const jobs = Array.isArray((value as ExportJobList).records) ? (value as ExportJobList).records : [value as ExportJob];
    for (const job of jobs) if (!byId.has(job.id)) byId.set(job.id, withoutContradictions(job));
  }
  return [...byId.values()];
}

// Job 100 of the documents SUCCEEDED and still carries an `errors` entry ("Error in Export Job"), an
// example copied between revisions. A tool that reports a succeeded job's errors would make it look
// failed; the stand-in's succeeded jobs carry none, like the ones it creates.
function withoutContradictions(job: ExportJob): ExportJob {
  const copy = structuredClone(job);
  if (copy.status === "SUCCEEDED") delete copy.errors;
  return copy;
}
