// Checks one payload of a page against the description, through the generated validators
// (src/validate.ts), as the response of the status the page states or as the request body.
// Two things the pages do are reported as status findings instead of failing the payload:
// a status the operation does not declare, and a body shown under a status that has none (the
// 204 of the newer revisions); the body is then checked as the operation's success response.
import { validateOperationPayload } from "../../src/validate.js";
import type { LenientParse } from "./lenient-json.js";
import type { Operation } from "./operation-table.js";
import { escapeSegment } from "./json-pointer.js";

type OperationId = Parameters<typeof validateOperationPayload>[0];

export interface Problem {
  pointer: string;
  message: string;
}

export interface StatusIssue {
  type: "undeclared" | "body-without-content";
  stated: number;
  checkedAs: number;
}

export interface PayloadCheck {
  /** The status the payload is shown under: stated, or the operation's success status; null for a request. */
  status: number | null;
  /** The status whose response it was checked as. */
  checkedAs: number | null;
  valid: boolean;
  problems: Problem[];
  statusIssue: StatusIssue | null;
}

export async function checkPayload(
  operation: Operation,
  part: "request" | "response",
  statedStatus: number | null,
  parsed: LenientParse,
): Promise<PayloadCheck> {
  const id = operation.operationId as OperationId;
  let status: number | null = null;
  let checkedAs: number | null = null;
  let statusIssue: StatusIssue | null = null;
  if (part === "response") {
    status = statedStatus ?? operation.successStatus;
    const declared = operation.responses.get(status);
    checkedAs = declared?.hasContent ? status : operation.successStatus;
    if (!declared) statusIssue = { type: "undeclared", stated: status, checkedAs };
    else if (!declared.hasContent) statusIssue = { type: "body-without-content", stated: status, checkedAs };
  }
  const result = await validateOperationPayload(id, checkedAs ?? "body", parsed.payload);
  let problems = result.issues.map(({ pointer, message }) => ({ pointer, message }));
  if (parsed.fragment !== null) {
    // A fragment shows one member of the payload: what the rest of the payload lacks is not its problem.
    const member = `/${escapeSegment(parsed.fragment)}`;
    problems = problems.filter((p) => p.pointer === member || p.pointer.startsWith(`${member}/`) || /does not declare/.test(p.message));
  }
  return { status, checkedAs, valid: problems.length === 0, problems, statusIssue };
}
