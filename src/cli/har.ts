import { operations } from "../../generated/api-facts.js";
import type { OperationId } from "../index.js";
import { operationAt } from "../operation-paths.js";

/** One body of a HAR entry to check against an operation. */
export interface HarCheck {
  entry: number;
  operationId: OperationId;
  /** `body` for the request body, else the response status. */
  status: number | "body";
  /** `GET /export/jobs 200`, for the report. */
  context: string;
  /** The body's text; undefined when the capture has none. */
  text: string | undefined;
}

export interface HarScan {
  checks: HarCheck[];
  /** Entries left out, with why. */
  skipped: { entry: number; reason: string }[];
  total: number;
}

export function isHar(payload: unknown): boolean {
  const log = (payload as { log?: { entries?: unknown } } | null)?.log;
  return typeof log === "object" && log !== null && Array.isArray(log.entries);
}

interface HarEntry {
  request?: { method?: string; url?: string; postData?: { text?: string } };
  response?: { status?: number; content?: { text?: string; encoding?: string } };
}

/** The export jobs calls a HAR capture holds: each request body of a create, and each response. */
export function scanHar(har: unknown): HarScan {
  const entries = (har as { log: { entries: unknown[] } }).log.entries;
  const scan: HarScan = { checks: [], skipped: [], total: entries.length };
  entries.forEach((raw, entry) => {
    const found = checksOf(raw as HarEntry, entry);
    if (typeof found === "string") scan.skipped.push({ entry, reason: found });
    else scan.checks.push(...found);
  });
  return scan;
}

/** The checks of one entry, or why it has none. */
function checksOf(e: HarEntry, entry: number): HarCheck[] | string {
  let path: string;
  try {
    path = new URL(e.request?.url ?? "").pathname;
  } catch {
    return "no request URL";
  }
  const method = (e.request?.method ?? "").toUpperCase();
  const operationId = operationAt(method, path, { withBasePath: true })?.operationId;
  if (!operationId) return `${method} ${path} is not an export jobs operation`;
  const where = `${method} ${path}`;
  const checks: HarCheck[] = [];
  if (operations[operationId].hasRequestBody) {
    checks.push({ entry, operationId, status: "body", context: `${where} request body`, text: e.request?.postData?.text });
  }
  const status = e.response?.status ?? 0;
  // Browsers record status 0 for a request that never got an answer (blocked, aborted).
  if (status === 0) return checks.length > 0 ? checks : "no response recorded";
  const content = e.response?.content;
  const text = content?.text !== undefined && content.encoding === "base64" ? Buffer.from(content.text, "base64").toString("utf8") : content?.text;
  checks.push({ entry, operationId, status, context: `${where} ${status}`, text });
  return checks;
}
