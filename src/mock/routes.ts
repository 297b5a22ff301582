// What each operation answers, once the request has passed the gateway's credential checks.
import type { IncomingMessage } from "node:http";
import { operations } from "../../generated/api-facts.js";
import { operationAt } from "../operation-paths.js";
import type { CreateExportJobRequest, ExportJob, OperationId } from "../types.js";
import { apiPathOf, PLATFORM_BASE_PATH } from "./base-path.js";
import { jobFromRequest } from "./create.js";
import { headerValue } from "./credentials.js";
import { badRequest, methodNotAllowed, missingContentType, problem, type ErrorAnswer } from "./errors.js";
import { planFor, type LifecycleTiming } from "./lifecycle.js";
import { listPage, parseCursor, type PageQuery } from "./paging.js";
import { checkBody, checkIdParameter, checkParameters } from "./checks.js";
import type { JobStore } from "./store.js";

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  /** The jobs of the organization and sandbox the request names. */
  store: JobStore;
  now: () => number;
  timing: LifecycleTiming;
  /** How DELETE answers when it marks a job for cancelling. */
  cancelStatus: 200 | 204;
  /** The form a job is sent in: as stored, or in the legacy shapes. */
  present: (job: ExportJob) => ExportJob;
}

export interface Exchange {
  request: IncomingMessage;
  url: URL;
  requestId: string;
}

export interface Route {
  /** Undefined when no operation matches: the answer is then a 404, or a 405 on a path the API has. */
  operationId: OperationId | undefined;
  handle(exchange: Exchange, context: RouteContext): Answer | Promise<Answer>;
}

type Handler = (exchange: Exchange, context: RouteContext, parameters: Record<string, string>) => Answer | Promise<Answer>;

// A Record, so that an operation added to the description cannot compile until the mock answers it.
const HANDLERS: Record<OperationId, Handler> = {
  listExportJobs: listJobs,
  createExportJob: createJob,
  retrieveExportJob: (exchange, context, { EXPORT_JOB_ID }) => retrieveJob(EXPORT_JOB_ID!, exchange, context),
  cancelExportJob: (exchange, context, { EXPORT_JOB_ID }) => cancelJob(EXPORT_JOB_ID!, exchange, context),
};

const SERVED = `${Object.values(operations).map(({ method, path }) => `${method} ${path}`).join(", ")}, each also under ${PLATFORM_BASE_PATH}`;
const METHODS = [...new Set(Object.values(operations).map(({ method }) => method))];

export function route(method: string, pathname: string): Route {
  const apiPath = apiPathOf(pathname);
  const found = operationAt(method, apiPath);
  if (!found) {
    // As HTTP (RFC 9110) and Prism have it: a path the API has, with another method, is a 405
    // that names the methods it does have.
    const allowed = METHODS.filter((other) => operationAt(other, apiPath) !== undefined);
    if (allowed.length > 0) return { operationId: undefined, handle: ({ requestId }) => methodNotAllowed(method, pathname, allowed, requestId) };
    return { operationId: undefined, handle: ({ requestId }) => problem(404, `There is no ${method} ${pathname}: the API serves ${SERVED}`, requestId) };
  }
  const handler = HANDLERS[found.operationId];
  return { operationId: found.operationId, handle: (exchange, context) => handler(exchange, context, found.parameters) };
}

function listJobs({ url, requestId }: Exchange, { store, present }: RouteContext): Answer {
  const raw: Record<string, string> = {};
  const issues: string[] = [];
  for (const [name, value] of url.searchParams) {
    if (name in raw) issues.push(`query parameter ${name} must be given once`);
    raw[name] = value;
  }
  const checked = checkParameters("listExportJobs_query", "query", raw);
  issues.push(...checked.issues);
  const query: PageQuery = {};
  if (typeof checked.values.limit === "number") query.limit = checked.values.limit;
  if (typeof checked.values.status === "string") query.status = checked.values.status as PageQuery["status"];
  if (typeof checked.values.offset === "string" && checked.values.offset !== "") {
    query.offset = parseCursor(checked.values.offset);
    if (!query.offset) {
      issues.push("query parameter offset must be a cursor <creationTime>_<id>, such as 1538573416687_722: take it from link.next or page.pageOffset");
    }
  }
  if (issues.length > 0) return badRequest(issues, requestId);
  const page = listPage(store.all(), query);
  return { status: 200, body: { ...page, records: page.records.map(present) } };
}

const MAX_BODY_BYTES = 1 << 20;

async function createJob({ request, requestId }: Exchange, { store, now, timing, present }: RouteContext): Promise<Answer> {
  const mediaType = headerValue(request.headers, "content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") return missingContentType(requestId);
  const text = await readText(request, MAX_BODY_BYTES);
  if (text === undefined) return badRequest([`request body must not be larger than ${MAX_BODY_BYTES} bytes`], requestId);
  if (text.trim() === "") return badRequest(["request body is required"], requestId);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return badRequest([`request body is not valid JSON (${(error as Error).message})`], requestId);
  }
  const issues = checkBody("createExportJob_body", body);
  if (issues.length > 0) return badRequest(issues, requestId);
  const createdAt = now();
  const job = jobFromRequest(body as CreateExportJobRequest, {
    id: store.nextId(),
    now: createdAt,
    requestId,
    orgId: headerValue(request.headers, "x-gw-ims-org-id") ?? "",
    profileInstanceId: headerValue(request.headers, "x-profile-instance-id") ?? "ups",
  });
  store.track(job, planFor(job, createdAt, timing));
  return { status: 200, body: present(job), headers: { "X-Location": `/export/jobs/${job.id}` } };
}

function jobId(
  operationId: "retrieveExportJob" | "cancelExportJob",
  segment: string,
  requestId: string,
): { id: number } | { error: ErrorAnswer } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    decoded = segment;
  }
  const checked = checkIdParameter(`${operationId}_path`, "EXPORT_JOB_ID", decoded);
  return "issues" in checked ? { error: badRequest(checked.issues, requestId) } : { id: checked.id };
}

function notFound(id: number, requestId: string): ErrorAnswer {
  return problem(404, `Export job ${id} was not found`, requestId);
}

function retrieveJob(segment: string, { requestId }: Exchange, { store, present }: RouteContext): Answer {
  const parsed = jobId("retrieveExportJob", segment, requestId);
  if ("error" in parsed) return parsed.error;
  const job = store.get(parsed.id);
  return job ? { status: 200, body: present(job) } : notFound(parsed.id, requestId);
}

function cancelJob(segment: string, { requestId }: Exchange, { store, cancelStatus }: RouteContext): Answer {
  const parsed = jobId("cancelExportJob", segment, requestId);
  if ("error" in parsed) return parsed.error;
  const outcome = store.cancel(parsed.id);
  if (!outcome) return notFound(parsed.id, requestId);
  // A job that has ended cannot be cancelled, and answering "marked for cancelling" would hide
  // that it ran to the end. The description's way to say no is `status: false` on a 200; it is
  // sent whatever cancelStatus is, since a 204 can only mean "marked".
  if (!outcome.cancelled) {
    const message = `Export job ${parsed.id} has already ended (${outcome.job.status}); there is nothing to cancel`;
    return { status: 200, body: { status: false, message } };
  }
  return cancelStatus === 204
    ? { status: 204 }
    : { status: 200, body: { status: true, message: "Export job has been marked for cancelling" } };
}

/** The body as text; undefined when it is larger than `limit` bytes. */
async function readText(request: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep reading, so that the connection stays usable, but stop keeping what is read.
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? undefined : Buffer.concat(chunks).toString("utf8");
}
