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

/** Replaces code the breakage targets, found by its text; fails when the code has moved on. */
function replaceCode(find: string, replacement: string): (text: string) => string {
  return (text) => {
    const count = text.split(find).length - 1;
    if (count !== 1) throw new Error(`expected the code \`${find}\` once, found it ${count} times; has the code moved?`);
    return text.replace(find, replacement);
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
    apply: replaceCode("if (target.origin !== base.origin) {", "if (false) {"),
    rebuild: "none",
    tests: ["test/contract/pagination.test.ts"],
  },
  {
    name: "POST retried like an idempotent method",
    file: "src/policy.ts",
    apply: replaceCode('new Set(["GET", "HEAD"', 'new Set(["POST", "GET", "HEAD"'),
    rebuild: "none",
    tests: ["test/contract/faults.test.ts"],
  },
  {
    name: "redirects followed by the client",
    file: "src/transport.ts",
    apply: (text) => replaceCode('redirect: "manual"', 'redirect: "follow"')(replaceCode("if (redirectedTo) {", "if (false) {")(text)),
    rebuild: "none",
    tests: ["test/contract/hostile.test.ts"],
  },
  {
    name: "redirects followed by the IMS token provider",
    file: "src/ims.ts",
    apply: (text) => replaceCode('redirect: "manual"', 'redirect: "follow"')(replaceCode("if (redirectedTo) {", "if (false) {")(text)),
    rebuild: "none",
    tests: ["test/ims/ims-hostile.test.ts"],
  },
  {
    name: "response bodies read without a size cap",
    file: "src/wire.ts",
    apply: replaceCode("if (received > limitBytes) {", "if (false) {"),
    rebuild: "none",
    tests: ["test/contract/hostile.test.ts"],
  },
  {
    name: "an attempt waits for an answer without a timeout",
    file: "src/transport.ts",
    apply: replaceCode("deadline(timeoutMs, outgoing.signal)", "deadline(2 ** 40, outgoing.signal)"),
    rebuild: "none",
    tests: ["test/contract/hostile.test.ts"],
  },
];
