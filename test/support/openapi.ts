// Validates payloads against the bundled description (dist/openapi.json), compiled at test time,
// so that tests check the description itself and not only the generated validators.
import { readFileSync } from "node:fs";
import type { ErrorObject, ValidateFunction } from "ajv";
import { createAjv, schemaEntries } from "../../scripts/lib/openapi-ajv.js";

export const bundled: Record<string, any> = JSON.parse(readFileSync("dist/openapi.json", "utf8"));

const entries = new Map(schemaEntries(bundled).map((e) => [e.name, e]));
const strict = createAjv(bundled);
const coercing = createAjv(bundled, { coerceTypes: true });
const compiled = new Map<string, ValidateFunction>();

/** A validator by generated name: `schema_ExportJob`, `listExportJobs_query`, `cancelExportJob_204`. */
export function validatorFor(name: string): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    const entry = entries.get(name);
    if (!entry) throw new Error(`No schema named ${name}; known: ${[...entries.keys()].join(", ")}`);
    fn = (entry.coerce ? coercing : strict).compile(entry.schema);
    compiled.set(name, fn);
  }
  return fn;
}

export interface Verdict {
  valid: boolean;
  errors: ErrorObject[];
}

export function check(name: string, payload: unknown): Verdict {
  const fn = validatorFor(name);
  const valid = fn(structuredClone(payload)) as boolean;
  return { valid, errors: fn.errors ?? [] };
}

/** The named example of an operation's response or request body, as the description holds it. */
export function exampleValue(name: string): unknown {
  const example = bundled.components.examples[name];
  if (!example) throw new Error(`No example named ${name}`);
  return structuredClone(example.value);
}
