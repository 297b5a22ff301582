// What the rendered reference must show, read from the bundled description it was rendered from.
import { readFileSync } from "node:fs";

export const descriptionFile = "dist/openapi.json";

type Json = Record<string, any>;

export interface ShownExamples {
  /** Example summaries, in order: what Redoc lists in the example picker when there are several. */
  names: string[];
  /** A lone example gets no picker; Redoc shows its description instead. */
  loneDescription?: string;
}

export interface DescribedOperation {
  operationId: string;
  summary: string;
  parameterNames: string[];
  requestExamples?: ShownExamples;
  /** By status code, only for responses that carry examples. */
  responseExamples: Map<string, ShownExamples>;
}

export function readDescription(): Json {
  return JSON.parse(readFileSync(descriptionFile, "utf8"));
}

function resolve(doc: Json, node: Json): Json {
  if (typeof node?.$ref !== "string") return node;
  const target = node.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce((at: Json, key: string) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  if (!target) throw new Error(`Unresolved ${node.$ref}`);
  return resolve(doc, target);
}

function shownExamples(doc: Json, content: Json | undefined): ShownExamples | undefined {
  const examples = Object.values<Json>(content?.["application/json"]?.examples ?? {}).map((e) => resolve(doc, e));
  if (examples.length === 0) return undefined;
  if (examples.length === 1) return { names: [], loneDescription: examples[0]!.description };
  return { names: examples.map((e) => e.summary) };
}

export function describedOperations(doc: Json): DescribedOperation[] {
  const operations: DescribedOperation[] = [];
  for (const pathItem of Object.values<Json>(doc.paths)) {
    for (const operation of Object.values<Json>(pathItem)) {
      if (!operation?.operationId) continue;
      const responseExamples = new Map<string, ShownExamples>();
      for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
        const shown = shownExamples(doc, resolve(doc, response).content);
        if (shown) responseExamples.set(status, shown);
      }
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])];
      const requestBody = operation.requestBody && resolve(doc, operation.requestBody);
      const requestExamples = shownExamples(doc, requestBody?.content);
      operations.push({
        operationId: operation.operationId,
        summary: operation.summary,
        parameterNames: parameters.map((p: Json) => resolve(doc, p).name),
        ...(requestExamples ? { requestExamples } : {}),
        responseExamples,
      });
    }
  }
  return operations;
}

/** Markdown reduced to the words a reader sees: no code ticks, emphasis or link targets. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The first sentence of a Markdown text, as plain text. */
export function firstSentence(markdown: string): string {
  const text = plainText(markdown);
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}
