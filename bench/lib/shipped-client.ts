// The client as the package ships it: compiled dist/, built first when src/ changed. Through tsx,
// src/ would carry the wrappers tsx adds to keep function names, a cost no user pays.
import { runSteps } from "../../scripts/lib/run-steps.js";
import type * as Client from "../../src/index.js";
import { fromRoot } from "./paths.js";

const compiled = await runSteps(["compile"], { root: fromRoot("."), write: (text) => void (text.trim() && process.stderr.write(`bench: ${text}`)) });
if (!compiled.ok) throw new Error("npm run compile failed: the bench measures the compiled client in dist/");

export const { createExportJobsClient, iterateExportJobs, normalizeExportJob, validateOperationPayload }: typeof Client =
  await import(new URL("../../dist/index.js", import.meta.url).href);
