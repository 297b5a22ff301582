// The facts about the API that the code branches on, read from the bundled description: each
// operation's method, path template, declared response statuses and whether it takes a request
// body, and the values of every enumerated schema. Generated next to the types, so that the
// client, the CLI and the mock read them instead of keeping copies that drift.
import { METHODS } from "./openapi-ajv.js";

type Json = Record<string, any>;

interface OperationFacts {
  method: string;
  path: string;
  responseStatuses: number[];
  hasRequestBody: boolean;
}

function operationFacts(doc: Json): Map<string, OperationFacts> {
  const facts = new Map<string, OperationFacts>();
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      facts.set(operation.operationId, {
        method: method.toUpperCase(),
        path,
        responseStatuses: Object.keys(operation.responses ?? {}).map((status) => responseStatus(operation.operationId, status)),
        hasRequestBody: operation.requestBody !== undefined,
      });
    }
  }
  return facts;
}

// The code compares these with a response's status; a range ("4XX") or "default" would need
// another shape, so it stops the generation rather than slip through.
function responseStatus(operationId: string, status: string): number {
  if (!/^[1-5]\d\d$/.test(status)) throw new Error(`${operationId} declares the response "${status}"; the generated facts hold numeric statuses only`);
  return Number(status);
}

function enumeratedSchemas(doc: Json): [name: string, values: unknown[]][] {
  return Object.entries<Json>(doc.components?.schemas ?? {})
    .filter(([, schema]) => Array.isArray(schema.enum))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, schema]) => [name, schema.enum]);
}

/** `ExportJobStatus` -> `exportJobStatusValues`. */
function valuesName(schemaName: string): string {
  return `${schemaName[0]!.toLowerCase()}${schemaName.slice(1)}Values`;
}

const list = (values: unknown[]) => `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;

export function apiFactsModule(doc: Json): string {
  const operations = [...operationFacts(doc)].map(
    ([id, o]) =>
      `  ${id}: { method: ${JSON.stringify(o.method)}, path: ${JSON.stringify(o.path)}, responseStatuses: ${list(o.responseStatuses)}, hasRequestBody: ${o.hasRequestBody} },`,
  );
  const values = enumeratedSchemas(doc).map(([name, enumeration]) => `export const ${valuesName(name)} = ${list(enumeration)};`);
  return ["export const operations = {", ...operations, "};", "", ...values].join("\n") + "\n";
}

export function apiFactsTypes(doc: Json): string {
  const ids = [...operationFacts(doc).keys()].map((id) => JSON.stringify(id));
  const schemas = enumeratedSchemas(doc).map(([name]) => name);
  return [
    `import type { ${[...schemas, "paths"].join(", ")} } from "./openapi.js";`,
    "",
    `export type OperationId = ${ids.join(" | ")};`,
    "",
    "export interface OperationFacts {",
    `  readonly method: ${METHODS.map((m) => JSON.stringify(m.toUpperCase())).join(" | ")};`,
    "  /** The path template, as the description and openapi-fetch's `schemaPath` write it. */",
    "  readonly path: keyof paths;",
    "  /** Every HTTP status the operation declares a response for. */",
    "  readonly responseStatuses: readonly number[];",
    "  readonly hasRequestBody: boolean;",
    "}",
    "",
    "export declare const operations: { readonly [Id in OperationId]: OperationFacts };",
    "",
    "// The values of each enumerated schema, in the description's order.",
    ...schemas.map((name) => `export declare const ${valuesName(name)}: readonly ${name}[];`),
  ].join("\n") + "\n";
}
