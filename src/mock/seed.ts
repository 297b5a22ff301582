// The jobs the mock starts with: the example jobs of the description, so that what the docs show
// is what the mock answers. Read from the bundled description, which is built before the mock runs.
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

export function seedJobs(descriptionUrl: URL = DESCRIPTION): ExportJob[] {
  let description: { components?: { examples?: Record<string, { value?: unknown }> } };
  try {
    description = JSON.parse(readFileSync(descriptionUrl, "utf8"));
  } catch (error) {
    throw new Error(
      `The mock seeds its jobs from ${descriptionUrl.pathname}, which cannot be read (${(error as Error).message}); run \`npm run bundle\` first, or start the mock with seed: false`,
    );
  }
  const byId = new Map<number, ExportJob>();
  for (const name of SEED_EXAMPLES) {
    const value = description.components?.examples?.[name]?.value;
    if (value === undefined) throw new Error(`The description has no example named ${name} to seed the mock with`);
    const jobs = Array.isArray((value as ExportJobList).records) ? (value as ExportJobList).records : [value as ExportJob];
    // The documents reuse ids across examples (100 is several different jobs); keep the first.
    for (const job of jobs) if (!byId.has(job.id)) byId.set(job.id, structuredClone(job));
  }
  return [...byId.values()];
}
