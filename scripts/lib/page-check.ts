// Checks one page against the description: reads it, classifies each payload by the request it
// follows, repairs and validates the payloads of /export/jobs calls, reads the values its tables
// and prose list, and decides for each difference whether the decision log already covers it.
import { loadDecisionLog, type DecisionRow } from "./decision-log.js";
import { enumFields, type CheckedField } from "./enum-fields.js";
import { describeRepair, parseLenientJson, type LenientParse } from "./lenient-json.js";
import { listedValues } from "./listed-values.js";
import { DocExampleError } from "./markdown-blocks.js";
import { loadDescription, operationTable, resolveRequest, type Description, type Operation, type OperationTable } from "./operation-table.js";
import { checkPayload, type Problem } from "./payload-check.js";
import { decide, type Finding } from "./known-findings.js";
import {
  listedValueObservations,
  payloadObservations,
  queryObservations,
  tableFieldObservations,
  type Observation,
} from "./page-observations.js";
import { readPage, type PageRequest } from "./page-reader.js";
import { tableFields } from "./table-fields.js";

export interface BlockReport {
  /** Document line on which the payload starts. */
  line: number;
  /** Null for a payload of a call to another endpoint: not ours, not validated. */
  operation: string | null;
  part: "request" | "response";
  status: number | null;
  /** Null when not validated. */
  valid: boolean | null;
  repairs: string[];
  problems: Problem[];
}

export interface PageReport {
  file: string;
  language: string | null;
  revision: string | null;
  blocks: BlockReport[];
  findings: Finding[];
}

export interface CheckContext {
  description: Description;
  table: OperationTable;
  fields: CheckedField[];
  decisions: DecisionRow[];
}

export function checkContext(description = loadDescription(), decisions = loadDecisionLog()): CheckContext {
  const table = operationTable(description);
  return { description, table, fields: enumFields(description, table), decisions };
}

function lenient(raw: string, file: string, line: number): LenientParse | DocExampleError {
  try {
    return parseLenientJson(raw, file, line);
  } catch (error) {
    if (error instanceof DocExampleError) return error;
    throw error;
  }
}

export async function checkPage(markdown: string, file: string, context: CheckContext): Promise<PageReport> {
  const { description, table, fields, decisions } = context;
  let page;
  try {
    page = readPage(markdown, file);
  } catch (error) {
    if (!(error instanceof DocExampleError)) throw error;
    return { file, language: null, revision: null, blocks: [], findings: [{ kind: "new", decision: null, line: error.line, message: error.message }] };
  }

  const resolved = new Map<PageRequest, ReturnType<typeof resolveRequest>>();
  const resolve = (request: PageRequest | null) => {
    if (!request) return null;
    if (!resolved.has(request)) resolved.set(request, resolveRequest(table, request.method, request.target));
    return resolved.get(request)!;
  };
  const ours = (request: PageRequest | null): Operation | null => resolve(request)?.operation ?? null;

  const blocks: BlockReport[] = [];
  const observations: Observation[] = [];
  for (const payload of page.payloads) {
    const operation = ours(payload.request);
    const parsed = lenient(payload.raw, file, payload.line);
    const repairs = parsed instanceof DocExampleError ? [] : parsed.repairs.map(describeRepair);
    const block = (operationId: string | null, status: number | null, valid: boolean | null, problems: Problem[]): BlockReport =>
      ({ line: payload.line, operation: operationId, part: payload.part, status, valid, repairs, problems });
    if (!operation) {
      blocks.push(block(null, payload.statedStatus, null, []));
      continue;
    }
    if (parsed instanceof DocExampleError) {
      const problem = { pointer: "", message: parsed.message.slice(`${parsed.file}:${parsed.line}: `.length) };
      blocks.push(block(operation.operationId, payload.statedStatus, false, [problem]));
      observations.push({ subject: { type: "other" }, value: "", line: parsed.line, message: `${operation.operationId} ${payload.part}: ${problem.message}` });
      continue;
    }
    const check = await checkPayload(operation, payload.part, payload.statedStatus, parsed);
    blocks.push(block(operation.operationId, check.status, check.valid, check.problems));
    observations.push(...payloadObservations({ operation, part: payload.part, line: payload.line, raw: payload.raw, parsed, check }, description, fields));
  }

  for (const request of page.requests) {
    const target = resolve(request);
    if (target?.operation) observations.push(...queryObservations(target.operation, target.query, request.line, fields));
  }

  // Tables and prose are read where they follow a call of this API: a tutorial page's other APIs have other fields.
  const prose = page.prose.flatMap((p) => {
    const operation = ours(p.after);
    return operation ? [{ ...p, parameters: operation.parameters.map((q) => q.name) }] : [];
  });
  observations.push(...listedValueObservations(listedValues(prose, fields), fields));
  observations.push(...tableFieldObservations(tableFields(prose), description, table));

  return { file, language: page.language, revision: page.revision, blocks, findings: decide(observations, decisions) };
}

/** 0: every payload valid and nothing new; 1: something new or an invalid payload. */
export function exitStatusOf(reports: PageReport[]): 0 | 1 {
  const bad = reports.some((r) => r.blocks.some((b) => b.valid === false) || r.findings.some((f) => f.kind === "new"));
  return bad ? 1 : 0;
}
