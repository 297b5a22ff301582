// Deliberate breakages of the description and the client, each paired with the tests that
// should notice it. `npm run test:mutations` applies them one at a time to a copy of the
// repository and reports the ones no test noticed.
import { parseDocument } from "yaml";

export interface Mutation {
  name: string;
  /** The file changed, relative to the repository root. */
  file: string;
  /** Returns the changed text; throws when the text no longer has what the breakage targets. */
  apply(text: string): string;
  /** `generate`: the description changed, so bundle and regenerate types and validators. */
  rebuild: "generate" | "none";
  /** The smallest set of test files expected to fail. */
  tests: string[];
}

/** Edits a YAML file through its document model, so that comments and layout survive. */
function editYaml(edit: (document: ReturnType<typeof parseDocument>) => void): (text: string) => string {
  return (text) => {
    const document = parseDocument(text);
    edit(document);
    return document.toString();
  };
}

function requireChange(before: string, after: string, what: string): string {
  if (before === after) throw new Error(`${what}: nothing to change; has the code moved?`);
  return after;
}

/** Rewrites the line carrying `// mutation: <marker>`. */
function onMarkedLine(marker: string, rewrite: (line: string) => string): (text: string) => string {
  return (text) => {
    const tag = `// mutation: ${marker}`;
    const lines = text.split("\n");
    const index = lines.findIndex((line) => line.includes(tag));
    if (index === -1) throw new Error(`no line marked "${tag}"`);
    const changed = rewrite(lines[index]!);
    lines[index] = requireChange(lines[index]!, changed, marker);
    return lines.join("\n");
  };
}

function removeFromSeq(document: ReturnType<typeof parseDocument>, path: string[], value: string): void {
  const items = document.getIn(path) as { items: { value: unknown }[] } | undefined;
  const index = items?.items.findIndex((item) => item.value === value) ?? -1;
  if (index === -1) throw new Error(`${path.join(".")} has no ${value}`);
  document.deleteIn([...path, index]);
}

export const mutations: Mutation[] = [
  {
    name: "ExportJobStatus without PROCESSING",
    file: "openapi/components/schemas/ExportJobStatus.yaml",
    apply: editYaml((d) => removeFromSeq(d, ["enum"], "PROCESSING")),
    rebuild: "generate",
    tests: ["test/contract/msw.test.ts"],
  },
  {
    name: "ExportBatches array-only (legacy single batch object dropped)",
    file: "openapi/components/schemas/ExportBatches.yaml",
    apply: editYaml((d) => {
      if (!d.has("oneOf")) throw new Error("ExportBatches has no oneOf");
      d.delete("oneOf");
      d.set("type", "array");
      d.set("items", { $ref: "./ExportBatch.yaml" });
    }),
    rebuild: "generate",
    tests: ["test/contract/msw.test.ts"],
  },
  {
    name: "cancel without its 204 response",
    file: "openapi/paths/export_jobs_{EXPORT_JOB_ID}.yaml",
    apply: editYaml((d) => {
      if (!d.hasIn(["delete", "responses", "204"])) throw new Error("cancel has no 204");
      d.deleteIn(["delete", "responses", "204"]);
    }),
    rebuild: "generate",
    tests: ["test/contract/prism.test.ts"],
  },
  {
    name: "create body without schema in its required list",
    file: "openapi/components/schemas/CreateExportJobRequest.yaml",
    apply: editYaml((d) => removeFromSeq(d, ["required"], "schema")),
    rebuild: "generate",
    tests: ["test/contract/properties.test.ts"],
  },
  {
    name: "schema.name not required",
    file: "openapi/components/schemas/ExportSchema.yaml",
    apply: editYaml((d) => removeFromSeq(d, ["required"], "name")),
    rebuild: "generate",
    tests: ["test/contract/properties.test.ts"],
  },
  {
    name: "paging follows link.next to other origins",
    file: "src/paginate.ts",
    apply: onMarkedLine("cross-origin-guard", (line) => line.replace(/if \((.+)\) \{/, "if (false) {")),
    rebuild: "none",
    tests: ["test/contract/pagination.test.ts"],
  },
  {
    name: "POST retried like an idempotent method",
    file: "src/retry.ts",
    apply: onMarkedLine("idempotent-methods", (line) => line.replace(/new Set\(\[/, 'new Set(["POST", ')),
    rebuild: "none",
    tests: ["test/contract/faults.test.ts"],
  },
];
