// Reads one page of the endpoint's documentation, in any language, into what it shows: the HTTP
// requests it writes (each `curl` command, each line of an ```http block), the payloads
// (request bodies of `curl -d '…'`, and the ```json blocks after a request, which are its
// responses), the status the prose states before each response, and the prose itself. Payloads
// are tied to requests by their position, never by the translated words around them, so a page
// in a language nobody here reads is read the same way.
import { curlCommands } from "./curl-commands.js";
import { fencedBlocks, frontMatter, proseLines, type FencedBlock, type Heading, type ProseLine } from "./markdown-blocks.js";
import { pageLanguage, pageRevision } from "./page-language.js";
import { statedStatus } from "./stated-status.js";

export interface PageRequest {
  /** Document line of the `curl` word or of the ```http line. */
  line: number;
  method: string;
  /** URL or path as written, query included. */
  target: string;
  source: "curl" | "http";
  heading: Heading | null;
}

export interface PagePayload {
  /** Document line on which `raw` starts. */
  line: number;
  /** Line of the opening fence of the block that holds it. */
  fenceLine: number;
  part: "request" | "response";
  /** The request a body belongs to, or the last request before a ```json block; null when none precedes it. */
  request: PageRequest | null;
  /** The status the prose between the request (or the section heading) and a response states. */
  statedStatus: number | null;
  raw: string;
  heading: Heading | null;
}

export interface PageProse extends ProseLine {
  /** The last request before this line, if any. */
  after: PageRequest | null;
}

export interface Page {
  file: string;
  frontMatter: Record<string, string>;
  language: string | null;
  revision: string | null;
  requests: PageRequest[];
  payloads: PagePayload[];
  prose: PageProse[];
}

const HTTP_LINE = /^\s*([A-Z]+)\s+(\S+)/;
const SHELL = new Set(["shell", "bash", "sh", "console", "curl"]);

/** `file` names the page in errors; it is also where its language may be read from. */
export function readPage(markdown: string, file: string): Page {
  const fields = frontMatter(markdown);
  const blocks = fencedBlocks(markdown, file);
  const prose = proseLines(markdown);
  const requests: PageRequest[] = [];
  const payloads: PagePayload[] = [];

  const lastRequestBefore = (line: number) => requests.filter((r) => r.line < line).at(-1) ?? null;
  const statusBefore = (block: FencedBlock, request: PageRequest | null) => {
    const from = Math.max(request?.line ?? 0, block.heading?.line ?? 0);
    return statedStatus(prose.filter((p) => p.line > from && p.line < block.line).map((p) => p.text).join("\n"));
  };

  for (const block of blocks) {
    if (block.info === "http") {
      block.content.split("\n").forEach((text, i) => {
        const match = HTTP_LINE.exec(text);
        if (match) requests.push({ line: block.line + 1 + i, method: match[1]!, target: match[2]!, source: "http", heading: block.heading });
      });
    } else if (SHELL.has(block.info)) {
      for (const command of curlCommands(block.content, file, block.line)) {
        const request: PageRequest = { line: command.line, method: command.method, target: command.url ?? "", source: "curl", heading: block.heading };
        requests.push(request);
        if (command.body) {
          payloads.push({ line: command.body.line, fenceLine: block.line, part: "request", request, statedStatus: null, raw: command.body.raw, heading: block.heading });
        }
      }
    } else if (block.info === "json") {
      const request = lastRequestBefore(block.line);
      payloads.push({
        line: block.line + 1,
        fenceLine: block.line,
        part: "response",
        request,
        statedStatus: statusBefore(block, request),
        raw: block.content,
        heading: block.heading,
      });
    }
  }

  return {
    file,
    frontMatter: fields,
    language: pageLanguage(fields, file),
    revision: pageRevision(fields),
    requests,
    payloads,
    prose: prose.map((p) => ({ ...p, after: lastRequestBefore(p.line) })),
  };
}
