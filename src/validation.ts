// The package's payload checks. They load validation (its code and the generated validators) when
// first called: a bundler keeps whatever the package entry imports statically in the code an
// application loads up front, so the entry must not reach validate.ts itself.
import { lazy } from "./lazy.js";
import type { OperationId } from "./types.js";
import type { PayloadKind, ValidationResult } from "./validate.js";

/** validate.ts, loaded once, when first needed. */
export const loadValidation = lazy(() => import("./validate.js"));

/** Checks a payload captured from the API (or about to be sent) against the description. */
export async function validatePayload(kind: PayloadKind, payload: unknown): Promise<ValidationResult> {
  return (await loadValidation()).validatePayload(kind, payload);
}

/**
 * Checks an operation's request body (`"body"`) or its response body for a status. A status the
 * operation does not declare is an issue, not an exception: that is drift worth reporting.
 */
export async function validateOperationPayload(operationId: OperationId, status: number | "body", payload: unknown): Promise<ValidationResult> {
  return (await loadValidation()).validateOperationPayload(operationId, status, payload);
}
