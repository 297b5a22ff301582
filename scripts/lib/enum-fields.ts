// The enumerated fields whose values pages list in prose, each with the component schema that
// holds its values and the words of the decision log's topic column that name its row. The
// values themselves, and the query parameter that takes them, come from the bundled description.
import { enumValues } from "./description-lookup.js";
import type { EnumField } from "./listed-values.js";
import type { Description, OperationTable } from "./operation-table.js";

export interface CheckedField extends EnumField {
  /** Words of the decision log's topic column that pick this field's row ("list filter `status`"). */
  topic: string[];
}

const FIELDS: { label: string; schema: string; topic: string[] }[] = [
  { label: "job status", schema: "ExportJobStatus", topic: ["job", "status", "responses"] },
  { label: "list filter status", schema: "ExportJobStatusFilter", topic: ["filter", "status"] },
  { label: "segment status", schema: "SegmentStatus", topic: ["segment", "status", "values"] },
];

export function enumFields(description: Description, table: OperationTable): CheckedField[] {
  return FIELDS.map((field) => ({
    ...field,
    values: enumValues(description, field.schema),
    parameter: table.operations.flatMap((op) => op.parameters).find((p) => p.in === "query" && p.schema === field.schema)?.name ?? null,
  }));
}
