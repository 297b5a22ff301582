// The fields and parameters a page's tables describe: the backticked name in a row's first cell
// (`filter.segments`, `{EXPORT_JOB_ID}`, `limit`). Header and separator rows have no backticks.
import type { ProseLine } from "./markdown-blocks.js";

export interface TableField {
  /** As written, trimmed: `filter.segments`, `{STATUS}`. */
  name: string;
  line: number;
}

const FIRST_CELL = /^\s*\|\s*`([^`]+)`\s*\|/;

export function tableFields(lines: ProseLine[]): TableField[] {
  return lines.flatMap(({ line, text }) => {
    const name = FIRST_CELL.exec(text)?.[1]?.trim();
    return name ? [{ name, line }] : [];
  });
}

/** `{EXPORT_JOB_ID}` and `{STATUS}` are parameters, written as the page's request lines write their placeholders. */
export function placeholderName(name: string): string | null {
  return /^\{([A-Za-z_][\w-]*)\}$/.exec(name)?.[1] ?? null;
}
