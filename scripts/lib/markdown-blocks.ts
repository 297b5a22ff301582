// Line-based reading of the documentation's markdown: front matter, `## ` sections, bold labels
// such as **Response**, and fenced code blocks with the prose that leads up to each of them.
// Only what the extractor needs; not a general markdown parser.

export class DocExampleError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = "DocExampleError";
  }
}

export interface Heading {
  text: string;
  anchor: string | null;
  line: number;
}

export interface FencedBlock {
  /** The fence's info string: `json`, `shell`, `http`, or "" when the fence has none. */
  info: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** Everything between the fences, exactly (lines joined with "\n"). */
  content: string;
  heading: Heading | null;
  /** The last bold label line (`**Resposta**`) between the heading and the block, without the asterisks. */
  label: string | null;
  /** Prose lines between that label (or the heading) and the block, outside any fenced block. */
  proseSinceLabel: string[];
}

export function frontMatter(markdown: string): Record<string, string> {
  const lines = markdown.split("\n");
  if (lines[0]?.trim() !== "---") return {};
  const fields: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    if (line.trim() === "---") return fields;
    const match = /^([\w-]+):\s*(.*?)\s*$/.exec(line);
    if (match) fields[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, "$2");
  }
  return {};
}

const FENCE = /^\s*```\s*([\w-]*)\s*$/;
const HEADING = /^##\s+(.*?)\s*(?:\{#([\w-]+)\})?\s*$/;
const LABEL = /^\*\*([^*]+)\*\*\s*$/;

export function fencedBlocks(markdown: string, file: string): FencedBlock[] {
  const lines = markdown.split("\n");
  const blocks: FencedBlock[] = [];
  let heading: Heading | null = null;
  let label: string | null = null;
  let prose: string[] = [];
  let open: { info: string; line: number; content: string[] } | null = null;

  lines.forEach((text, index) => {
    const line = index + 1;
    if (open) {
      if (/^\s*```\s*$/.test(text)) {
        blocks.push({ info: open.info, line: open.line, content: open.content.join("\n"), heading, label, proseSinceLabel: [...prose] });
        open = null;
      } else {
        open.content.push(text);
      }
      return;
    }
    const fence = FENCE.exec(text);
    if (fence) {
      open = { info: fence[1]!.toLowerCase(), line, content: [] };
      return;
    }
    const section = HEADING.exec(text);
    if (section) {
      heading = { text: section[1]!, anchor: section[2] ?? null, line };
      label = null;
      prose = [];
      return;
    }
    const bold = LABEL.exec(text.trim());
    if (bold) {
      label = bold[1]!.trim();
      prose = [];
      return;
    }
    prose.push(text);
  });

  if (open) throw new DocExampleError(file, (open as { line: number }).line, "code fence is never closed");
  return blocks;
}

export interface CurlBody {
  /** The text between the quotes of `-d '…'`, exactly. */
  raw: string;
  /** Line within the block's content (0-based) where `raw` starts. */
  lineOffset: number;
  method: string | null;
  url: string | null;
}

const DATA_OPTION = /(?:^|\s)(?:-d|--data|--data-raw|--data-binary)\s+(\S)/;

/** The bodies that `curl -d '…'` commands in a shell block send, with each command's method and URL. */
export function curlBodies(shell: string, file: string, blockLine: number): CurlBody[] {
  const bodies: CurlBody[] = [];
  const method = /curl\b[^\n]*?\s-X\s+([A-Z]+)/.exec(shell)?.[1] ?? null;
  const url = /curl\b[^\n]*?\s(https?:\/\/[^\s'"\\]+)/.exec(shell)?.[1] ?? null;
  const option = new RegExp(DATA_OPTION.source, "g");
  for (let match = option.exec(shell); match; match = option.exec(shell)) {
    const quoteAt = match.index + match[0].length - 1;
    const lineOffset = shell.slice(0, quoteAt).split("\n").length - 1;
    const where = blockLine + 1 + lineOffset;
    // Only single quotes keep the JSON byte for byte; anything else would need shell unquoting.
    if (match[1] !== "'") throw new DocExampleError(file, where, `curl ${match[0].trim()}… is not a single-quoted body`);
    const end = shell.indexOf("'", quoteAt + 1);
    if (end < 0) throw new DocExampleError(file, where, "curl -d body has no closing quote");
    bodies.push({ raw: shell.slice(quoteAt + 1, end), lineOffset, method, url });
    // Resume after the body, so that text inside it is never read as another option.
    option.lastIndex = end + 1;
  }
  return bodies;
}
