// The operations of the bundled description (dist/openapi.json), and which of them an HTTP request
// written in a page reaches. Everything here is read from the description's `paths` and
// `servers`, so a path, status or parameter added there is known here without an edit.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pathPattern } from "../../src/operation-paths.js";
import { unescapeSegment } from "./json-pointer.js";

export type Description = Record<string, any>;

export interface Operation {
  operationId: string;
  method: string;
  /** The path template, `/export/jobs/{EXPORT_JOB_ID}`. */
  path: string;
  /** Matches the paths the template stands for. */
  pattern: RegExp;
  /** Every status the operation declares, and whether its response has a body. */
  responses: Map<number, { hasContent: boolean }>;
  /** The response a page's payload is checked as when its prose states no status. */
  successStatus: number;
  hasRequestBody: boolean;
  parameters: { name: string; in: string; schema: string | null }[];
}

export interface OperationTable {
  operations: Operation[];
  /** The servers' path prefixes, `/data/core/ups`: the API's paths follow them in a URL. */
  basePaths: string[];
}

export interface ResolvedRequest {
  operation: Operation | null;
  /** The path as written, without server, query or fragment. */
  path: string;
  /** Query parameters as written, placeholders such as `{STATUS}` included. */
  query: [string, string][];
}

const METHODS = ["get", "put", "post", "delete", "patch"];

export const BUNDLED_DESCRIPTION = fileURLToPath(new URL("../../dist/openapi.json", import.meta.url));

/** Reads dist/openapi.json (written by `npm run bundle`). */
export function loadDescription(file = BUNDLED_DESCRIPTION): Description {
  return JSON.parse(readFileSync(file, "utf8")) as Description;
}

export function resolveRef(description: Description, node: any): any {
  let resolved = node;
  for (let hops = 0; resolved && typeof resolved.$ref === "string" && resolved.$ref.startsWith("#/") && hops < 20; hops++) {
    resolved = resolved.$ref
      .slice(2)
      .split("/")
      .map(unescapeSegment)
      .reduce((at: any, key: string) => at?.[key], description);
  }
  return resolved;
}

/** The component schema a `$ref` names, `#/components/schemas/ExportJobStatusFilter` → `ExportJobStatusFilter`. */
function schemaName(schema: any): string | null {
  const ref: unknown = schema?.$ref;
  return typeof ref === "string" && ref.startsWith("#/components/schemas/") ? ref.slice("#/components/schemas/".length) : null;
}

export function operationTable(description: Description): OperationTable {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(description.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op?.operationId) continue;
      const responses = new Map<number, { hasContent: boolean }>();
      for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
        if (/^\d{3}$/.test(status)) responses.set(Number(status), { hasContent: Boolean(resolveRef(description, response)?.content) });
      }
      const successes = [...responses].filter(([status]) => status >= 200 && status < 300).sort(([a], [b]) => a - b);
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolveRef(description, p));
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        pattern: pathPattern(path).pattern,
        responses,
        successStatus: (successes.find(([, r]) => r.hasContent) ?? successes[0])?.[0] ?? 200,
        hasRequestBody: Boolean(op.requestBody),
        parameters: parameters.map((p) => ({ name: p.name, in: p.in, schema: schemaName(p.schema) })),
      });
    }
  }
  const basePaths = (description.servers ?? [])
    .map((server: { url: string }) => server.url.replace(/^[a-z]+:\/\/[^/]+/i, "").replace(/\/$/, ""))
    .filter((path: string) => path !== "");
  return { operations, basePaths };
}

/**
 * The operation `method target` reaches. A full URL must carry a server's base path before the
 * API's path; a bare path (`GET /export/jobs?{QUERY_PARAMETERS}`) is the API's path itself.
 */
export function resolveRequest(table: OperationTable, method: string, target: string): ResolvedRequest {
  const [, host, rawPath = "", rawQuery = ""] = /^(https?:\/\/[^/?#]+)?([^?#]*)(?:\?([^#]*))?/i.exec(target.trim()) ?? [];
  const query = rawQuery
    .split("&")
    .filter(Boolean)
    .map((pair): [string, string] => {
      const at = pair.indexOf("=");
      return at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
    });
  let apiPath: string | null = rawPath;
  if (host) {
    const base = table.basePaths.find((b) => rawPath === b || rawPath.startsWith(`${b}/`));
    apiPath = base === undefined ? null : rawPath.slice(base.length);
  }
  const upper = method.toUpperCase();
  const operation =
    apiPath === null ? null : (table.operations.find((op) => op.method === upper && op.pattern.test(apiPath!)) ?? null);
  return { operation, path: rawPath, query };
}
