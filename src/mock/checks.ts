// Checks requests and responses with the validators generated from the description. Request
// problems are worded the way a person fixing the request needs them: which field, what it allows.
import type { GeneratedValidator } from "../../generated/validators.js";
import * as validators from "../../generated/validators.js";
import { toIssues } from "../validate.js";

const named = validators as unknown as Record<string, GeneratedValidator | undefined>;

export function validatorNamed(name: string): GeneratedValidator | undefined {
  return named[name];
}

export type ParameterLocation = "query" | "path";

/**
 * Checks an operation's parameters, given as strings. The generated validators coerce in place,
 * so on success the returned values have their declared types (`limit` is a number).
 */
export function checkParameters(
  name: string,
  location: ParameterLocation,
  raw: Record<string, string>,
): { values: Record<string, unknown>; issues: string[] } {
  const validate = validatorOrThrow(name);
  const values: Record<string, unknown> = { ...raw };
  if (validate(values)) return { values, issues: [] };
  // The client's wording, with the pointer turned into the parameter's name.
  const issues = toIssues(validate.errors ?? [], raw).map((i) => `${location} parameter ${i.pointer.slice(1)} ${i.message}`);
  return { values, issues };
}

export function checkBody(name: string, body: unknown): string[] {
  const validate = validatorOrThrow(name);
  if (validate(body)) return [];
  return toIssues(validate.errors ?? [], body).map((i) => `${i.pointer === "/" ? "request body" : i.pointer} ${i.message}`);
}

function validatorOrThrow(name: string): GeneratedValidator {
  const validate = named[name];
  if (!validate) throw new Error(`No generated validator ${name}; run npm run generate`);
  return validate;
}

/**
 * What is wrong with a response the mock is about to send, or undefined when the description allows
 * it. `operationId` is undefined for requests that matched no operation: those answer an error body.
 */
export function checkResponse(operationId: string | undefined, status: number, body: unknown): string | undefined {
  if (operationId === undefined) {
    return named.schema_ApiErrorBody!(body) ? undefined : `HTTP ${status} is not an ApiErrorBody: ${ajvSummary(named.schema_ApiErrorBody!)}`;
  }
  const validate = named[`${operationId}_${status}`];
  if (!validate) return `${operationId} does not declare HTTP ${status}`;
  // The only response without content here is 204, whose validator rejects every body.
  if (body === undefined) return status === 204 ? undefined : `${operationId} HTTP ${status} must have a body`;
  return validate(body) ? undefined : `${operationId} HTTP ${status}: ${ajvSummary(validate)}`;
}

function ajvSummary(validate: GeneratedValidator): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`).join("; ");
}
