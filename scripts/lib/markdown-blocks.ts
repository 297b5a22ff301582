// Line-based reading of the documentation's markdown: front matter, `## ` sections, fenced code
// blocks with the section each is in, and the prose lines outside any block. Only what the page
// reader needs; not a general markdown parser.

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

export function fencedBlocks(markdown: string, file: string): FencedBlock[] {
  const lines = markdown.split("\n");
  const blocks: FencedBlock[] = [];
  let heading: Heading | null = null;
  let open: { info: string; line: number; content: string[] } | null = null;

  lines.forEach((text, index) => {
    const line = index + 1;
    if (open) {
      if (/^\s*```\s*$/.test(text)) {
        blocks.push({ info: open.info, line: open.line, content: open.content.join("\n"), heading });
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
    }
  });

  if (open) throw new DocExampleError(file, (open as { line: number }).line, "code fence is never closed");
  return blocks;
}

export interface ProseLine {
  /** 1-based document line. */
  line: number;
  text: string;
}

/** Every line outside the front matter and the fenced blocks (fences too), with its number. */
export function proseLines(markdown: string): ProseLine[] {
  const lines = markdown.split("\n");
  let skipUntil = -1;
  if (lines[0]?.trim() === "---") skipUntil = lines.findIndex((line, i) => i > 0 && line.trim() === "---");
  const prose: ProseLine[] = [];
  let inBlock = false;
  lines.forEach((text, index) => {
    if (index <= skipUntil) return;
    if (inBlock ? /^\s*```\s*$/.test(text) : FENCE.test(text)) {
      inBlock = !inBlock;
      return;
    }
    if (!inBlock) prose.push({ line: index + 1, text });
  });
  return prose;
}
