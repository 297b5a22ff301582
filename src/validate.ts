import type { Middleware } from "openapi-fetch";
import { ReadResponse } from "./read-response.js";
import { operations } from "../generated/api-facts.js";
import type { GeneratedValidationError, GeneratedValidator } from "../generated/validators.js";
import { ExportJobsValidationError, type ValidationIssue } from "./errors.js";
import { lazy } from "./lazy.js";
import type { Redactor } from "./redact.js";
import type { OperationId } from "./types.js";

type Validators = Record<string, GeneratedValidator>;

// The validators are compiled ahead of time into generated/, and loaded only when someone asks for
// validation, so the default client path pays nothing for them.
const loadValidators = lazy(() => import("../generated/validators.js") as unknown as Promise<Validators>);

/** The operation openapi-fetch is calling, from the path template it reports as `schemaPath`. */
export function operationFor(schemaPath: string, method: string): OperationId | undefined {
  const upper = method.toUpperCase();
  return (Object.keys(operations) as OperationId[]).find((id) => operations[id].path === schemaPath && operations[id].method === upper);
}

/** What a payload captured from the API (or about to be sent) can be checked as. */
export type PayloadKind = "list" | "job" | "create-request" | "create-response" | "cancel" | "error";

const KIND_VALIDATORS: Record<PayloadKind, string> = {
  list: "listExportJobs_200",
  job: "schema_ExportJob",
  "create-request": "createExportJob_body",
  "create-response": "createExportJob_200",
  cancel: "cancelExportJob_200",
  error: "schema_ApiErrorBody",
};

export interface ValidationResult {
  valid: boolean;
  issues: ValidationIssue[];
}

/** Checks a payload against the description. */
export async function validatePayload(kind: PayloadKind, payload: unknown): Promise<ValidationResult> {
  const name = KIND_VALIDATORS[kind];
  if (!name) throw new TypeError(`Unknown payload kind "${kind}"; use one of ${Object.keys(KIND_VALIDATORS).join(", ")}`);
  return run((await loadValidators())[name]!, payload, "");
}

/**
 * Checks an operation's request body (`"body"`) or its response body for a status. A status the
 * operation does not declare is an issue, not an exception: that is drift worth reporting.
 */
export async function validateOperationPayload(
  operationId: OperationId,
  status: number | "body",
  payload: unknown,
): Promise<ValidationResult> {
  const validators = await loadValidators();
  const validator = validators[`${operationId}_${status}`];
  if (!validator) {
    const what = status === "body" ? "a request body" : `HTTP ${status}`;
    return { valid: false, issues: [{ pointer: "/", message: `${operationId} does not declare ${what}` }] };
  }
  return run(validator, payload, "");
}

function run(validator: GeneratedValidator, payload: unknown, prefix: string): ValidationResult {
  const valid = validator(payload);
  return { valid, issues: valid ? [] : toIssues(validator.errors ?? [], payload, prefix) };
}

/** The value an Ajv error is about: Ajv reports only values that exist, so every step exists. */
function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === "") return data;
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<any>((node, key) => node[key], data);
}

/** A value as an issue quotes it: JSON where it has a JSON form (a payload built in code may not). */
function shown(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // A BigInt, or a cycle.
  }
  text ??= String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Turns Ajv's errors into issues that name the field and what it allows. */
export function toIssues(errors: GeneratedValidationError[], data: unknown, prefix: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // The branches of oneOf/anyOf report their own errors; the summary line adds nothing.
    if (error.keyword === "oneOf" || error.keyword === "anyOf") continue;
    let pointer = prefix + error.instancePath;
    let message: string;
    switch (error.keyword) {
      case "required":
        pointer += `/${error.params.missingProperty}`;
        message = "is required";
        break;
      case "additionalProperties":
        pointer += `/${error.params.additionalProperty}`;
        message = "is not allowed here (unknown field)";
        break;
      case "enum":
        message = `must be one of ${(error.params.allowedValues as unknown[]).join(", ")} (got ${shown(valueAt(data, error.instancePath))})`;
        break;
      default:
        message = `${error.message ?? error.keyword} (got ${shown(valueAt(data, error.instancePath))})`;
    }
    const key = `${pointer} ${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push({ pointer: pointer || "/", message });
    }
  }
  return issues;
}

type RequestCall = Parameters<NonNullable<Middleware["onRequest"]>>[0];
type ResponseCall = Parameters<NonNullable<Middleware["onResponse"]>>[0];

/** Rejects a request that does not match the description before it is sent (`validateRequests`). */
export async function checkRequest({ request, schemaPath, params }: RequestCall): Promise<undefined> {
  const operationId = operationFor(schemaPath, request.method);
  if (!operationId) return undefined;
  const validators = await loadValidators();
  const issues: ValidationIssue[] = [];
  for (const location of ["path", "query"] as const) {
    const validator = validators[`${operationId}_${location}`];
    if (!validator) continue;
    // Parameter validators coerce strings in place: give them a copy.
    const values = { ...((params as Record<string, object | undefined>)[location] ?? {}) };
    issues.push(...run(validator, values, location).issues);
  }
  const bodyValidator = validators[`${operationId}_body`];
  if (bodyValidator) {
    const text = await request.clone().text();
    if (text === "") {
      issues.push({ pointer: "body", message: "is required" });
    } else {
      try {
        issues.push(...run(bodyValidator, JSON.parse(text), "body").issues);
      } catch {
        issues.push({ pointer: "body", message: "is not valid JSON" });
      }
    }
  }
  if (issues.length > 0) throw new ExportJobsValidationError("request", operationId, issues);
  return undefined;
}

/**
 * Rejects a successful response whose body does not match the description (`validateResponses`).
 * The body is parsed once: the response it hands on answers `json()` with the value validated here.
 * Issues quote what the server sent, so they pass through the client's redactor first.
 */
export async function checkResponse({ request, response, schemaPath }: ResponseCall, redactor?: Redactor): Promise<Response | undefined> {
  const operationId = operationFor(schemaPath, request.method);
  if (!operationId || !response.ok) return undefined;
  // The transport's responses are read already; another middleware's is read here, so what is
  // handed on is always this one.
  const read = response instanceof ReadResponse ? response : new ReadResponse(await response.text(), response);
  // A 204 has no body to check: fetch and the transport drop any that a server sends.
  if (response.status === 204) return read;
  let body: unknown;
  try {
    body = await read.json();
  } catch {
    throw new ExportJobsValidationError("response", operationId, [{ pointer: "/", message: "is not valid JSON" }]);
  }
  const result = await validateOperationPayload(operationId, response.status, body);
  if (!result.valid) throw new ExportJobsValidationError("response", operationId, redactor ? redactor.value(result.issues) : result.issues);
  return read;
}
