// The values a page lists, in its tables and prose, for the description's enumerated fields
// (job status, list filter status, segment status). Translations keep the values untranslated
// and quoted ("NEW", &quot;NEW&quot;, `NEW`, «NEW», 「NEW」) and translate the sentence around
// them, so only the quoted words are read, and a line counts as being about a field when it
// quotes one of that field's values, or names the field's query parameter.
//
// What is read as a value of a field, on a line about it:
// - a quoted word that is one of its values;
// - every word of a list of two or more quoted words that shares the field's case (a translator
//   who translated the values, "realisiert", "vorhanden" und "beendet", still wrote a list);
// - a lone quoted word one or two letters away from one of its values ("exiting", "SUCCESSEDED").
import type { ProseLine } from "./markdown-blocks.js";

export interface EnumField {
  /** How a finding names the field: "list filter status". */
  label: string;
  /** The component schema that holds its values. */
  schema: string;
  values: string[];
  /** The query parameter that takes these values; such a field is read only where the page describes that parameter. */
  parameter: string | null;
}

export interface ListedValue {
  field: EnumField;
  value: string;
  line: number;
}

interface Token {
  start: number;
  end: number;
  words: string[];
  /** A JSON array in backticks (`["realized", "existing"]`): a list by itself. */
  array: boolean;
  /** `status=NEW`: the parameter and its value. */
  assignment: [string, string] | null;
}

const CLOSERS: Record<string, string> = { "`": "`", '"': '"', "“": "”", "„": "“”", "«": "»", "「": "」", "『": "』", "＂": "＂" };
const VALUE_SHAPE = /^(?:\p{Lu}[\p{Lu}\p{N}_]*|\p{Ll}[\p{Ll}\p{N}_-]*|[\p{Lo}\p{M}]+)$/u;
const JSON_LITERALS = new Set(["true", "false", "null"]);
// Between two items of a list: commas and at most one short word ("and", "e", "und", "および", "및").
const LIST_SEPARATOR = /^[\s,、，/]*(?:\p{L}{1,5}[\s,、，/]*)?$/u;
const GLOSS = /\([^()]*\)|（[^（）]*）/g;

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[\u200B-\u200D\uFEFF]/g, "");
}

const isValueShaped = (word: string) => VALUE_SHAPE.test(word) && !JSON_LITERALS.has(word);

function wordsOf(inner: string): Pick<Token, "words" | "array" | "assignment"> {
  const text = inner.trim();
  if (text.startsWith("[") && text.endsWith("]")) {
    try {
      const array: unknown = JSON.parse(text);
      if (Array.isArray(array) && array.every((v) => typeof v === "string")) return { words: array.filter(isValueShaped), array: true, assignment: null };
    } catch {
      // Not JSON: not a list of values.
    }
  }
  const assignment = /^([\w.]+)=([^\s&=]+)$/.exec(text);
  if (assignment) return { words: [], array: false, assignment: [assignment[1]!, assignment[2]!] };
  const word = text.replace(/^(["'])(.*)\1$/, "$2").trim();
  return { words: isValueShaped(word) ? [word] : [], array: false, assignment: null };
}

function quotedTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const closers = CLOSERS[text[i]!];
    if (!closers) continue;
    let end = -1;
    for (let j = i + 1; j < text.length && j - i <= 80; j++) {
      if (closers.includes(text[j]!)) {
        end = j;
        break;
      }
    }
    if (end < 0) continue;
    tokens.push({ start: i, end: end + 1, ...wordsOf(text.slice(i + 1, end)) });
    i = end;
  }
  return tokens;
}

/** Consecutive word tokens that a list separator joins. */
function lists(text: string, tokens: Token[]): string[][] {
  const runs: { words: string[]; end: number }[] = [];
  for (const token of tokens) {
    if (token.array) {
      runs.push({ words: token.words, end: token.end });
      continue;
    }
    if (token.words.length === 0) continue;
    const last = runs.at(-1);
    const between = last ? text.slice(last.end, token.start).replace(GLOSS, " ") : null;
    if (last && between !== null && LIST_SEPARATOR.test(between) && !tokens.some((t) => t.array && t.start >= last.end && t.end <= token.start)) {
      last.words.push(...token.words);
      last.end = token.end;
    } else {
      runs.push({ words: [...token.words], end: token.end });
    }
  }
  return runs.map((r) => r.words);
}

function caseOf(word: string): "upper" | "lower" | "none" {
  return word === word.toLowerCase() ? (word === word.toUpperCase() ? "none" : "lower") : "upper";
}

function sameCase(field: EnumField, words: string[]): boolean {
  const style = caseOf(field.values[0]!);
  return words.every((w) => caseOf(w) === style || caseOf(w) === "none");
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const nearOneOf = (field: EnumField, word: string) =>
  word.length >= 5 && sameCase(field, [word]) && field.values.some((v) => editDistance(v, word) <= 2);

function describesParameter(text: string, parameter: string): boolean {
  const firstCell = /^\s*\|\s*([^|]*?)\s*\|/.exec(text)?.[1]?.replace(/[`{}\s]/g, "");
  const name = parameter.toLowerCase();
  return firstCell?.toLowerCase() === name || text.includes(`{${parameter.toUpperCase()}}`) || new RegExp(`\\b${name}=`, "i").test(text);
}

/**
 * `parameters`, when a line has them, are those of the operation the line follows: a table row
 * `status` describes the list filter only after a request that takes one.
 */
export function listedValues(lines: (ProseLine & { parameters?: string[] })[], fields: EnumField[]): ListedValue[] {
  const found: ListedValue[] = [];
  for (const { line, text: written, parameters } of lines) {
    const text = decodeEntities(written);
    const tokens = quotedTokens(text);
    const takes = (parameter: string) => parameters === undefined || parameters.includes(parameter);
    const described = fields.filter((f) => f.parameter !== null && takes(f.parameter) && describesParameter(text, f.parameter));
    const candidates = described.length > 0 ? described : fields.filter((f) => f.parameter === null);
    const quoted = tokens.flatMap((t) => t.words);
    const about = candidates.filter((f) => described.includes(f) || quoted.some((w) => f.values.includes(w)));
    const record = (field: EnumField, value: string) => found.push({ field, value, line });

    for (const token of tokens) {
      const field = token.assignment && takes(token.assignment[0]) && fields.find((f) => f.parameter === token.assignment![0]);
      if (field && !/^\{.*\}$/.test(token.assignment![1])) record(field, token.assignment![1]);
    }
    for (const words of lists(text, tokens)) {
      const knownTo = about.filter((f) => words.some((w) => f.values.includes(w)));
      const targets = knownTo.length > 0 ? knownTo : words.length >= 2 ? about.filter((f) => sameCase(f, words)) : [];
      for (const field of targets) {
        for (const word of words) if (field.values.includes(word) || (words.length >= 2 && sameCase(field, [word]))) record(field, word);
      }
      if (targets.length === 0 && words.length === 1) {
        for (const field of about) if (nearOneOf(field, words[0]!)) record(field, words[0]!);
      }
    }
  }
  return found;
}
