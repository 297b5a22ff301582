import type { PayloadKind } from "../index.js";

export const PAYLOAD_KINDS: readonly PayloadKind[] = ["list", "job", "create-request", "create-response", "cancel", "error"];

/**
 * What a payload most likely is, from its shape alone. A created job looks like any job, so it is
 * checked as `job`; pass `--as create-response` to check it as the create operation's answer.
 */
export function inferKind(payload: unknown): PayloadKind | undefined {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  if ("records" in p) return "list";
  if ("error_code" in p || ("title" in p && typeof p.status === "number")) return "error";
  if (typeof p.status === "boolean" && "message" in p) return "cancel";
  if ("id" in p && "status" in p) return "job";
  if ("destination" in p && "schema" in p && !("id" in p)) return "create-request";
  return undefined;
}
