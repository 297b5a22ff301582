// What a page shows that the description does not: each difference with its subject (which
// decision-log row could be about it), the value, and the page line. Whether it is already
// decided is for known-findings.ts.
import { exampleValues, hasFieldPath } from "./description-lookup.js";
import type { CheckedField } from "./enum-fields.js";
import { lineOfPointer } from "./json-locations.js";
import { repairedText, type LenientParse } from "./lenient-json.js";
import type { ListedValue } from "./listed-values.js";
import type { Description, Operation, OperationTable } from "./operation-table.js";
import type { PayloadCheck } from "./payload-check.js";
import { placeholderName, type TableField } from "./table-fields.js";
import { unescapeSegment } from "./json-pointer.js";

export type Subject =
  | { type: "values"; field: CheckedField; missing: boolean }
  | { type: "response"; operationId: string }
  | { type: "repair" }
  | { type: "field" }
  | { type: "other" };

export interface Observation {
  subject: Subject;
  /** What the row must name for the observation to be already decided. */
  value: string;
  line: number;
  message: string;
}

const quote = (value: string) => JSON.stringify(value);

/** Values listed for a field that it lacks, and values it has that a page describing it no longer lists. */
export function listedValueObservations(listed: ListedValue[], fields: CheckedField[]): Observation[] {
  const observations: Observation[] = [];
  for (const field of fields) {
    const mine = listed.filter((l) => l.field.schema === field.schema);
    if (mine.length === 0) continue;
    const firstLine = new Map<string, number>();
    for (const l of mine) if (!firstLine.has(l.value)) firstLine.set(l.value, l.line);
    for (const [value, line] of firstLine) {
      if (field.values.includes(value)) continue;
      const message = `${field.label}: the page lists ${quote(value)}, which ${field.schema} does not have (${field.values.join(", ")})`;
      observations.push({ subject: { type: "values", field, missing: false }, value, line, message });
    }
    const line = Math.min(...mine.map((l) => l.line));
    for (const value of field.values) {
      if (firstLine.has(value)) continue;
      const message = `${field.label}: the page no longer lists ${quote(value)}, which ${field.schema} accepts`;
      observations.push({ subject: { type: "values", field, missing: true }, value, line, message });
    }
  }
  return observations;
}

/** Table rows naming a field or parameter the description has nowhere. */
export function tableFieldObservations(fields: TableField[], description: Description, table: OperationTable): Observation[] {
  const parameters = new Set(table.operations.flatMap((op) => op.parameters.map((p) => p.name.toLowerCase())));
  return fields.flatMap(({ name, line }) => {
    const parameter = placeholderName(name) ?? name;
    if (parameters.has(parameter.toLowerCase()) || hasFieldPath(description, name.split("."))) return [];
    return [{ subject: { type: "field" } as const, value: name, line, message: `the table names \`${name}\`, which the description has no field or parameter for` }];
  });
}

/** A query parameter of a request line whose value the parameter's enumerated schema lacks (`?status=DONE`). */
export function queryObservations(operation: Operation, query: [string, string][], line: number, fields: CheckedField[]): Observation[] {
  return query.flatMap(([name, value]) => {
    const field = fields.find((f) => f.parameter === name && operation.parameters.some((p) => p.name === name));
    if (!field || /^\{.*\}$/.test(value) || field.values.includes(value)) return [];
    const message = `${operation.operationId} request: ${name}=${value}, which ${field.schema} does not have (${field.values.join(", ")})`;
    return [{ subject: { type: "values", field, missing: false } as const, value, line, message }];
  });
}

export interface CheckedPayload {
  operation: Operation;
  part: "request" | "response";
  line: number;
  raw: string;
  parsed: LenientParse;
  check: PayloadCheck;
}

const ENUM_PROBLEM = /^must be one of (.+) \(got (.+)\)$/;
const UNKNOWN_FIELD = /is not allowed here \(unknown field\)$/;

function valueShown(shown: string): string {
  try {
    const value: unknown = JSON.parse(shown);
    return typeof value === "string" ? value : shown;
  } catch {
    return shown;
  }
}

/** Repairs, status findings, the description's problems with the payload, and a job status its own examples never show there. */
export function payloadObservations(checked: CheckedPayload, description: Description, fields: CheckedField[]): Observation[] {
  const { operation, part, line, raw, parsed, check } = checked;
  const where = `${operation.operationId} ${part}`;
  const text = repairedText(raw, parsed.repairs);
  const lineOf = (pointer: string) => line + lineOfPointer(text, pointer);
  const response = { type: "response", operationId: operation.operationId } as const;
  const observations: Observation[] = [];

  for (const repair of parsed.repairs) {
    if (repair.type !== "trailing-comma") continue;
    observations.push({ subject: { type: "repair" }, value: "trailing comma", line: repair.line, message: `${where}: a trailing comma (repaired)` });
  }
  const issue = check.statusIssue;
  if (issue) {
    const declared = [...operation.responses.keys()].join(", ");
    const message =
      issue.type === "undeclared"
        ? `${where}: HTTP ${issue.stated}, which the description does not declare (it declares ${declared}); checked as HTTP ${issue.checkedAs}`
        : `${where}: a body under HTTP ${issue.stated}, which the description declares without one; checked as HTTP ${issue.checkedAs}`;
    observations.push({ subject: response, value: String(issue.stated), line, message });
  }
  for (const problem of check.problems) {
    const message = `${where}: ${problem.pointer || "/"} ${problem.message}`;
    const enumProblem = ENUM_PROBLEM.exec(problem.message);
    const field = enumProblem && fields.find((f) => f.values.join(", ") === enumProblem[1]);
    if (field) {
      observations.push({ subject: { type: "values", field, missing: false }, value: valueShown(enumProblem![2]!), line: lineOf(problem.pointer), message });
    } else if (UNKNOWN_FIELD.test(problem.message)) {
      const name = unescapeSegment(problem.pointer.split("/").at(-1)!);
      observations.push({ subject: { type: "field" }, value: name, line: lineOf(problem.pointer), message });
    } else {
      observations.push({ subject: { type: "other" }, value: problem.pointer, line: lineOf(problem.pointer), message });
    }
  }
  // Only where every example of the response agrees (a created job is NEW): a response whose
  // examples show several statuses says nothing about which one a page should show.
  const shown = (parsed.payload as { status?: unknown } | null)?.status;
  if (part === "response" && check.checkedAs !== null && parsed.fragment === null && typeof shown === "string") {
    const examples = exampleValues(description, operation, check.checkedAs, "status");
    if (examples.length === 1 && examples[0] !== shown) {
      const message = `${where}: job status ${quote(shown)}, where every example of HTTP ${check.checkedAs} in the description shows ${examples[0]}`;
      observations.push({ subject: response, value: shown, line: lineOf("/status"), message });
    }
  }
  return observations;
}
