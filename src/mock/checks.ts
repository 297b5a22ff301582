// Checks requests and responses with the validators generated from the description. Request
// problems are worded the way a person fixing the request needs them: which field, what it allows.
import type { GeneratedValidationError, GeneratedValidator } from "../../generated/validators.js";
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
  return { values, issues: parameterIssues(location, validate.errors ?? [], raw) };
}

// How the API writes a job id. The generated validators coerce whatever JavaScript reads as a number
// ("+722", "1e3", " 722", "0x2d2", "722.0"), and an id past 2^53 would be rounded onto another job's.
const WRITTEN_ID = /^[1-9][0-9]*$/;
const WRITTEN_ID_RULE = `must be a positive integer in decimal digits, with no sign, spaces, leading zeros, decimals or exponent, at most ${Number.MAX_SAFE_INTEGER}, such as 11037`;

/** Checks a path parameter that holds a job id: what the description allows, written the way the API writes ids. */
export function checkIdParameter(name: string, parameter: string, raw: string): { id: number } | { issues: string[] } {
  const given = { [parameter]: raw };
  const checked = checkParameters(name, "path", given);
  if (checked.issues.length > 0) return { issues: checked.issues };
  const id = checked.values[parameter] as number;
  if (WRITTEN_ID.test(raw) && Number.isSafeInteger(id)) return { id };
  const written = { instancePath: `/${parameter}`, schemaPath: "", keyword: "pattern", params: { pattern: WRITTEN_ID.source }, message: WRITTEN_ID_RULE };
  return { issues: parameterIssues("path", [written], given) };
}

/** The client's wording, with the pointer turned into the parameter's name. */
function parameterIssues(location: ParameterLocation, errors: GeneratedValidationError[], raw: Record<string, string>): string[] {
  return toIssues(errors, raw, "").map((i) => `${location} parameter ${i.pointer.slice(1)} ${i.message}`);
}

export function checkBody(name: string, body: unknown): string[] {
  const validate = validatorOrThrow(name);
  if (validate(body)) return [];
  return toIssues(validate.errors ?? [], body, "").map((i) => `${i.pointer === "/" ? "request body" : i.pointer} ${i.message}`);
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
