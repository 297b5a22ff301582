// Checks requests and responses with the validators generated from the description. Request
// problems are worded the way a person fixing the request needs them: which field, what it allows.
import type { GeneratedValidationError, GeneratedValidator } from "../../generated/validators.js";
import * as validators from "../../generated/validators.js";

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
  const validate = named[name];
  if (!validate) throw new Error(`No generated validator ${name}; run npm run generate`);
  const values: Record<string, unknown> = { ...raw };
  if (validate(values)) return { values, issues: [] };
  const issues = (validate.errors ?? []).flatMap((error) => {
    const parameter = error.keyword === "additionalProperties" ? error.params.additionalProperty : error.instancePath.slice(1);
    const explained =
      error.keyword === "additionalProperties" ? "is unknown to this operation" : explain(error, raw[parameter]);
    return explained ? [`${location} parameter ${parameter} ${explained}`] : [];
  });
  return { values, issues: unique(issues) };
}

export function checkBody(name: string, body: unknown): string[] {
  const validate = named[name];
  if (!validate) throw new Error(`No generated validator ${name}; run npm run generate`);
  if (validate(body)) return [];
  return unique(
    (validate.errors ?? []).flatMap((error) => {
      let pointer = error.instancePath;
      if (error.keyword === "required") pointer += `/${error.params.missingProperty}`;
      if (error.keyword === "additionalProperties") pointer += `/${error.params.additionalProperty}`;
      const explained = explain(error, valueAt(body, error.instancePath));
      return explained ? [`${pointer || "request body"} ${explained}`] : [];
    }),
  );
}

function explain(error: GeneratedValidationError, value: unknown): string | undefined {
  switch (error.keyword) {
    case "required":
      return "is required";
    case "additionalProperties":
      return "is not allowed (unknown field)";
    case "enum":
      return `must be one of ${(error.params.allowedValues as unknown[]).join(", ")} (got ${shown(value)})`;
    // The branches of a oneOf/anyOf explain themselves; the summary adds nothing.
    case "oneOf":
    case "anyOf":
      return undefined;
    default:
      return `${error.message ?? `breaks ${error.keyword}`} (got ${shown(value)})`;
  }
}

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === "") return data;
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<any>((node, key) => (node == null ? undefined : node[key]), data);
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
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
