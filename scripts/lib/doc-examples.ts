// Turns one documentation variant into its examples: every payload the page reader finds for an
// /export/jobs call (each curl -d body and each ```json block after a request), with where it
// came from (variant, revision, language, section, operation, request or response, the HTTP status
// the prose states) and the repairs its JSON needed. The page is read exactly as check:page
// reads it; what is added here is stricter, because these examples become test fixtures: a
// response must state its status, and a section's {#anchor} must agree with its requests.
import { basename } from "node:path";
import { parseLenientJson, type Repair } from "./lenient-json.js";
import { DocExampleError, type Heading } from "./markdown-blocks.js";
import { loadDescription, operationTable, resolveRequest, type OperationTable } from "./operation-table.js";
import { readPage, type Page, type PagePayload, type PageRequest } from "./page-reader.js";

export type OperationId = "listExportJobs" | "createExportJob" | "retrieveExportJob" | "cancelExportJob";

export interface DocExample {
  variant: string;
  revision: string;
  language: string;
  section: { heading: string; anchor: string | null; endpoint: string | null };
  operationId: OperationId;
  kind: "request" | "response";
  /** The HTTP status the prose before a response states; null for requests. */
  status: number | null;
  /** The member name when the block is only one member of an object, such as `destination`. */
  fragment: string | null;
  /** Document line on which `raw` starts. */
  line: number;
  raw: string;
  repairs: Repair[];
  payload: unknown;
}

// Adobe's section anchors are the same in every translation; a section whose requests reach
// another operation than its anchor says is a page that contradicts itself.
const OPERATION_BY_ANCHOR: Record<string, OperationId> = {
  "retrieve-list": "listExportJobs",
  create: "createExportJob",
  get: "retrieveExportJob",
  delete: "cancelExportJob",
};

// The variants carry no language in their front matter or name; these are the published translations.
const LANGUAGE_BY_VARIANT: Record<string, string> = {
  "000_3441314930b25bf8.txt": "pt",
  "001_d728ec8ff33cbd98.txt": "it",
  "002_36f7b9dc8c83912c.txt": "es",
  "003_9a8f6f8c318a10ef.txt": "de",
  "004_e3a36fb95fc7752c.txt": "pt",
};

/** `GET /export/jobs/11037?x=1` and `GET /export/jobs/` → the endpoint as the description names it. */
export function endpointOf(method: string, pathOrUrl: string): string {
  const path = pathOrUrl.replace(/^https?:\/\/[^/]+/, "").replace(/[?#].*$/, "");
  const tail = /\/export\/jobs(?:\/([^/]+))?\/?$/.exec(path);
  if (!tail) return `${method.toUpperCase()} ${path}`;
  return `${method.toUpperCase()} /export/jobs${tail[1] === undefined ? "" : "/{EXPORT_JOB_ID}"}`;
}

let defaultTable: OperationTable | undefined;

/**
 * Every example of one variant, in document order. `file` names the variant in errors and
 * provenance; `table` is the operation table of the bundled description, read from
 * dist/openapi.json when not given.
 */
export function extractDocExamples(markdown: string, file: string, table?: OperationTable): DocExample[] {
  const operations = table ?? (defaultTable ??= operationTable(loadDescription()));
  const variant = basename(file);
  const page = readPage(markdown, file);
  if (!page.revision) throw new DocExampleError(file, 1, "front matter has no source-git-commit");
  const provenance = { variant, revision: page.revision, language: page.language ?? LANGUAGE_BY_VARIANT[variant] ?? "und" };

  const endpointOfRequest = (request: PageRequest) => {
    const operation = resolveRequest(operations, request.method, request.target).operation;
    return operation ? `${operation.method} ${operation.path}` : endpointOf(request.method, request.target);
  };
  const sectionOf = (heading: Heading) => {
    const http = page.requests.find((r) => r.source === "http" && r.heading === heading);
    return { heading: heading.text, anchor: heading.anchor, endpoint: http ? endpointOfRequest(http) : null };
  };

  const examples: DocExample[] = [];
  for (const payload of page.payloads) {
    const operationId = operationOf(payload, page, operations, endpointOfRequest);
    if (!operationId) continue;
    const heading = payload.heading!;
    const status = payload.part === "response" ? payload.statedStatus : null;
    if (payload.part === "response" && status === null) throw new DocExampleError(file, payload.fenceLine, "the prose before this response states no HTTP status");
    const { payload: value, repairs, fragment } = parseLenientJson(payload.raw, file, payload.line);
    examples.push({
      ...provenance,
      section: sectionOf(heading),
      operationId,
      kind: payload.part,
      status,
      fragment,
      line: payload.line,
      raw: payload.raw,
      repairs,
      payload: value,
    });
  }
  return examples;
}

/** The operation a payload's request reaches; null for a call to another API, which has no example here. */
function operationOf(
  payload: PagePayload,
  page: Page,
  table: OperationTable,
  endpointOfRequest: (request: PageRequest) => string,
): OperationId | null {
  const { heading, request } = payload;
  if (!heading) throw new DocExampleError(page.file, payload.fenceLine, "example before any ## section");
  if (!request) {
    throw new DocExampleError(page.file, heading.line, `cannot tell which operation section "${heading.text}" documents: no request before its example on line ${payload.fenceLine}`);
  }
  const operationId = resolveRequest(table, request.method, request.target).operation?.operationId as OperationId | undefined;
  if (!operationId) return null;
  const byAnchor = heading.anchor === null ? undefined : OPERATION_BY_ANCHOR[heading.anchor];
  if (byAnchor && byAnchor !== operationId) {
    const endpoint = endpointOfRequest(request);
    if (request.source === "http") throw new DocExampleError(page.file, heading.line, `section {#${heading.anchor}} is ${byAnchor} but its http block says ${endpoint}`);
    const line = payload.part === "request" ? payload.line : request.line;
    throw new DocExampleError(page.file, line, `curl sends ${endpoint} inside the ${byAnchor} section`);
  }
  return operationId;
}
