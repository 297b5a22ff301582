// Turns observations into findings: "known" when the decision-log row about the observation's
// subject already names what the page shows (the row is that decision), "new" otherwise.
import { rowAbout, rowNames, rowNamingField, rowRecordsListWithout, type DecisionRow } from "./decision-log.js";
import type { Observation } from "./page-observations.js";

export interface Finding {
  kind: "new" | "known";
  decision: string | null;
  line: number;
  message: string;
}

/** `cancelExportJob` → `cancel`: the verb the log's topics use ("cancel success", "create response"). */
const verbOf = (operationId: string) => operationId.split(/(?=[A-Z])/)[0]!.toLowerCase();

function decidingRow(observation: Observation, rows: DecisionRow[]): DecisionRow | null {
  const { subject, value } = observation;
  switch (subject.type) {
    case "values": {
      const row = rowAbout(rows, subject.field.topic);
      if (!row) return null;
      const decided = subject.missing ? rowRecordsListWithout(row, value, subject.field.values) : rowNames(row, value);
      return decided ? row : null;
    }
    case "response": {
      const row = rowAbout(rows, [verbOf(subject.operationId), ["response", "success"]]);
      return row && rowNames(row, value) ? row : null;
    }
    case "repair": {
      const row = rowAbout(rows, ["invalid", "examples"]);
      return row && rowNames(row, value) ? row : null;
    }
    case "field":
      return rowNamingField(rows, value);
    case "other":
      return null;
  }
}

export function decide(observations: Observation[], rows: DecisionRow[]): Finding[] {
  return observations
    .map((observation): Finding => {
      const row = decidingRow(observation, rows);
      return { kind: row ? "known" : "new", decision: row?.id ?? null, line: observation.line, message: observation.message };
    })
    .sort((a, b) => a.line - b.line);
}
