// Parses a JSON example as the documents print it, repairing only the two defects they are known
// to have, and naming each repair so that a reader (and a test) can redo exactly those and no more.
// Whitespace before a colon needs no repair: JSON allows it.
import { DocExampleError } from "./markdown-blocks.js";

export type Repair =
  /** A comma before `}` or `]` was removed; `offset` is its index in the raw text, `line` its line in the document. */
  | { type: "trailing-comma"; line: number; offset: number }
  /** The text is only an object member (`"destination": {…}`): it was parsed inside `{` and `}`. */
  | { type: "wrapped-fragment"; member: string };

export interface LenientParse {
  payload: unknown;
  repairs: Repair[];
  /** The first member's name when the text was a fragment. */
  fragment: string | null;
}

/** How reports name a repair: `trailing-comma line 82`, `wrapped-fragment destination`. */
export function describeRepair(repair: Repair): string {
  return repair.type === "trailing-comma" ? `trailing-comma line ${repair.line}` : `wrapped-fragment ${repair.member}`;
}

const LEADING_MEMBER = /^\s*"((?:[^"\\]|\\.)*)"\s*:/;

/** Indexes of commas outside strings that are followed, after whitespace, by `}` or `]`. */
export function trailingCommas(text: string): number[] {
  const found: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === ",") {
      const next = /\S/.exec(text.slice(i + 1));
      if (next && (next[0] === "}" || next[0] === "]")) found.push(i);
    }
  }
  return found;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length - 1;
}

/** The text JSON.parse read: `raw` without the repaired commas, inside braces when it was a fragment. Same lines as `raw`. */
export function repairedText(raw: string, repairs: Repair[]): string {
  let text = raw;
  const commas = repairs.flatMap((r) => (r.type === "trailing-comma" ? [r.offset] : [])).sort((a, b) => b - a);
  for (const at of commas) text = text.slice(0, at) + text.slice(at + 1);
  return repairs.some((r) => r.type === "wrapped-fragment") ? `{${text}}` : text;
}

/**
 * `firstLine` is the document line on which `raw` starts; errors and repairs name document lines.
 * Anything other than trailing commas and a member-only fragment is left for JSON.parse to reject.
 */
export function parseLenientJson(raw: string, file: string, firstLine: number): LenientParse {
  const member = LEADING_MEMBER.exec(raw)?.[1] ?? null;
  const commas = trailingCommas(member === null ? raw : `{${raw}}`).map((at) => (member === null ? at : at - 1));
  let text = raw;
  for (const at of [...commas].reverse()) text = text.slice(0, at) + text.slice(at + 1);
  if (member !== null) text = `{${text}}`;

  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    // Removing commas keeps every newline, so a position in the repaired text is on the same line of raw.
    const line = firstLine + (position === undefined ? 0 : lineOf(text, Number(position)));
    throw new DocExampleError(file, line, `not valid JSON even after the known repairs: ${(error as Error).message}`);
  }

  const repairs: Repair[] = commas.map((offset) => ({ type: "trailing-comma", line: firstLine + lineOf(raw, offset), offset }));
  if (member !== null) repairs.push({ type: "wrapped-fragment", member });
  return { payload, repairs, fragment: member };
}
