// Turns one documentation variant into its examples: every ```json block and every curl -d body,
// each with where it came from (variant, revision, language, section, operation, request or
// response, the HTTP status the prose states) and the repairs its JSON needed.
import { basename } from "node:path";
import { parseLenientJson, type Repair } from "./lenient-json.js";
import { curlBodies, DocExampleError, fencedBlocks, frontMatter, type FencedBlock, type Heading } from "./markdown-blocks.js";

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

const OPERATION_BY_ANCHOR: Record<string, OperationId> = {
  "retrieve-list": "listExportJobs",
  create: "createExportJob",
  get: "retrieveExportJob",
  delete: "cancelExportJob",
};

const OPERATION_BY_ENDPOINT: Record<string, OperationId> = {
  "GET /export/jobs": "listExportJobs",
  "POST /export/jobs": "createExportJob",
  "GET /export/jobs/{EXPORT_JOB_ID}": "retrieveExportJob",
  "DELETE /export/jobs/{EXPORT_JOB_ID}": "cancelExportJob",
};

// The variants carry no language in their front matter; these are the published translations.
const LANGUAGE_BY_VARIANT: Record<string, string> = {
  "000_3441314930b25bf8.txt": "pt",
  "001_d728ec8ff33cbd98.txt": "it",
  "002_36f7b9dc8c83912c.txt": "es",
  "003_9a8f6f8c318a10ef.txt": "de",
  "004_e3a36fb95fc7752c.txt": "pt",
};

// The bold labels that introduce a request or a response, in the languages of the variants.
const REQUEST_LABELS = new Set(["request", "solicitação", "solicitud", "richiesta", "anfrage", "anforderung"]);
const RESPONSE_LABELS = new Set(["response", "resposta", "respuesta", "risposta", "antwort"]);

// "HTTP 200", "status HTTP 204", "HTTP-Status 200".
const STATED_STATUS = /\bHTTP(?:[- ]Status)?\s+([1-5]\d\d)\b/gi;

/** `GET /export/jobs/11037?x=1` and `GET /export/jobs/` → the endpoint as the description names it. */
export function endpointOf(method: string, pathOrUrl: string): string {
  const path = pathOrUrl.replace(/^https?:\/\/[^/]+/, "").replace(/[?#].*$/, "");
  const tail = /\/export\/jobs(?:\/([^/]+))?\/?$/.exec(path);
  if (!tail) return `${method.toUpperCase()} ${path}`;
  return `${method.toUpperCase()} /export/jobs${tail[1] === undefined ? "" : "/{EXPORT_JOB_ID}"}`;
}

function httpBlockEndpoint(block: FencedBlock): string | null {
  const first = block.content.split("\n").find((line) => line.trim() !== "");
  const match = first && /^\s*([A-Z]+)\s+(\S+)/.exec(first);
  return match ? endpointOf(match[1]!, match[2]!) : null;
}

interface Section {
  heading: Heading;
  endpoint: string | null;
  operationId: OperationId;
}

function sectionOf(heading: Heading, blocks: FencedBlock[], file: string): Section {
  const http = blocks.find((b) => b.heading === heading && b.info === "http");
  const endpoint = http ? httpBlockEndpoint(http) : null;
  const byAnchor = heading.anchor === null ? undefined : OPERATION_BY_ANCHOR[heading.anchor];
  const byEndpoint = endpoint === null ? undefined : OPERATION_BY_ENDPOINT[endpoint];
  if (byAnchor && byEndpoint && byAnchor !== byEndpoint) {
    throw new DocExampleError(file, heading.line, `section {#${heading.anchor}} is ${byAnchor} but its http block says ${endpoint}`);
  }
  const operationId = byAnchor ?? byEndpoint;
  if (!operationId) {
    throw new DocExampleError(file, heading.line, `cannot tell which operation section "${heading.text}" documents: no known {#anchor} and no known http block`);
  }
  return { heading, endpoint, operationId };
}

function statedStatus(block: FencedBlock): number | null {
  const matches = [...block.proseSinceLabel.join("\n").matchAll(STATED_STATUS)];
  const last = matches.at(-1);
  return last ? Number(last[1]) : null;
}

function languageOf(variant: string, fields: Record<string, string>): string {
  return fields.lang ?? fields.language ?? fields.locale ?? LANGUAGE_BY_VARIANT[variant] ?? "und";
}

/** Every example of one variant, in document order. `file` names the variant in errors and provenance. */
export function extractDocExamples(markdown: string, file: string): DocExample[] {
  const variant = basename(file);
  const fields = frontMatter(markdown);
  const commit = fields["source-git-commit"];
  if (!commit) throw new DocExampleError(file, 1, "front matter has no source-git-commit");
  const provenance = { variant, revision: commit.slice(0, 8), language: languageOf(variant, fields) };

  const blocks = fencedBlocks(markdown, file);
  const sections = new Map<Heading, Section>();
  const section = (block: FencedBlock, line: number): Section => {
    if (!block.heading) throw new DocExampleError(file, line, "example before any ## section");
    let known = sections.get(block.heading);
    if (!known) sections.set(block.heading, (known = sectionOf(block.heading, blocks, file)));
    return known;
  };
  const describe = (s: Section) => ({ heading: s.heading.text, anchor: s.heading.anchor, endpoint: s.endpoint });

  const examples: DocExample[] = [];
  for (const block of blocks) {
    if (block.info === "json") {
      const line = block.line + 1;
      const s = section(block, block.line);
      const label = block.label?.toLowerCase() ?? "";
      const kind = RESPONSE_LABELS.has(label) ? "response" : REQUEST_LABELS.has(label) ? "request" : null;
      if (!kind) throw new DocExampleError(file, block.line, `json block follows no request or response label (last label: ${block.label ?? "none"})`);
      const status = kind === "response" ? statedStatus(block) : null;
      if (kind === "response" && status === null) throw new DocExampleError(file, block.line, "the prose before this response states no HTTP status");
      const { payload, repairs, fragment } = parseLenientJson(block.content, file, line);
      examples.push({ ...provenance, section: describe(s), operationId: s.operationId, kind, status, fragment, line, raw: block.content, repairs, payload });
    } else if (block.info === "shell" || block.info === "bash" || block.info === "sh") {
      for (const body of curlBodies(block.content, file, block.line)) {
        const line = block.line + 1 + body.lineOffset;
        const s = section(block, line);
        if (body.method && body.url) {
          const endpoint = endpointOf(body.method, body.url);
          if (OPERATION_BY_ENDPOINT[endpoint] !== s.operationId) {
            throw new DocExampleError(file, line, `curl sends ${endpoint} inside the ${s.operationId} section`);
          }
        }
        const { payload, repairs, fragment } = parseLenientJson(body.raw, file, line);
        examples.push({ ...provenance, section: describe(s), operationId: s.operationId, kind: "request", status: null, fragment, line, raw: body.raw, repairs, payload });
      }
    }
  }
  return examples;
}
