// The decision log (openapi/README.md): one row per disagreement between the sources, with what
// each source says and what the description chose. A finding is "known" when the row about its
// subject already names what the page shows; which row is about which subject is read from the
// log's own topic column, so a new row or a reworded decision needs no change here.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const DECISION_LOG = fileURLToPath(new URL("../../openapi/README.md", import.meta.url));

export interface DecisionRow {
  id: string;
  topic: string;
  /** What the sources say, as the log writes it. */
  sources: string;
  decision: string;
  why: string;
}

const ROW = /^\|\s*(D\d+)\s*\|(.*)\|\s*$/;

export function readDecisionLog(markdown: string): DecisionRow[] {
  return markdown.split("\n").flatMap((line) => {
    const match = ROW.exec(line.trim());
    if (!match) return [];
    const [topic = "", sources = "", decision = "", why = ""] = match[2]!.split(/(?<!\\)\|/).map((cell) => cell.trim());
    return [{ id: match[1]!, topic, sources, decision, why }];
  });
}

export function loadDecisionLog(file = DECISION_LOG): DecisionRow[] {
  return readDecisionLog(readFileSync(file, "utf8"));
}

const words = (text: string) => text.replace(/`/g, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * The first row whose topic has every one of `topic`'s words; an inner array is a choice of
 * words (`["cancel", ["response", "success"]]` matches "cancel success").
 */
export function rowAbout(rows: DecisionRow[], topic: (string | string[])[]): DecisionRow | null {
  return rows.find((row) => {
    const has = new Set(words(row.topic));
    return topic.every((w) => (Array.isArray(w) ? w.some((x) => has.has(x)) : has.has(w)));
  }) ?? null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether the row names `value` as a whole word, as written (values are case-sensitive on the wire). */
export function rowNames(row: DecisionRow, value: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(value)}(?![\\p{L}\\p{N}_-])`, "u").test(`${row.topic} ${row.sources} ${row.decision} ${row.why}`);
}

/**
 * Whether the row records a source that lists values of a field (two or more of `listed`) without
 * `value`: then a page that no longer lists it is that source again, already decided. The
 * sources cell is read statement by statement ("Newest: realized, exited. Italian, …").
 */
export function rowRecordsListWithout(row: DecisionRow, value: string, listed: string[]): boolean {
  return row.sources
    .split(/(?<=\.)\s+(?=\p{Lu})|;\s*/u)
    .some((statement) => {
      const one = { ...row, topic: "", decision: "", why: "", sources: statement };
      return listed.filter((v) => v !== value && rowNames(one, v)).length >= 2 && !rowNames(one, value);
    });
}

/** The first row that names `field` in backticks, exactly as the page writes it (`segments.sgementNs`). */
export function rowNamingField(rows: DecisionRow[], field: string): DecisionRow | null {
  return rows.find((row) => `${row.sources} ${row.decision} ${row.why}`.includes(`\`${field}\``)) ?? null;
}
