// Which operation a request URL reaches, read from the path templates of the description.
import { operations } from "../generated/api-facts.js";
import type { OperationId } from "./types.js";

export interface OperationAtPath {
  operationId: OperationId;
  /** Path parameters by name, as written in the URL (still percent-encoded). */
  parameters: Record<string, string>;
}

interface Template {
  operationId: OperationId;
  method: string;
  pattern: RegExp;
  names: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A pattern that matches the paths a template such as `/export/jobs/{EXPORT_JOB_ID}` stands for,
 * capturing each parameter, and the parameters' names in order. With `withBasePath`, any base path
 * may come first, as in a captured URL (`/data/core/ups/export/jobs`).
 */
export function pathPattern(template: string, { withBasePath = false } = {}): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  // Split on `{name}`: the odd parts are parameter names, each standing for one path segment.
  const source = template
    .split(/\{([^}]+)\}/)
    .map((part, i) => (i % 2 === 1 ? (names.push(part), "([^/]+)") : escapeRegExp(part)))
    .join("");
  // A trailing slash is allowed: the API writes its own links to the collection with one
  // (`/export/jobs/?limit=…`).
  return { names, pattern: new RegExp(`^${withBasePath ? "(?:/.*)?" : ""}${source}/?$`) };
}

function templateOf(operationId: OperationId, withBasePath: boolean): Template {
  const { method, path } = operations[operationId];
  return { operationId, method, ...pathPattern(path, { withBasePath }) };
}

const ids = Object.keys(operations) as OperationId[];
const exact = ids.map((id) => templateOf(id, false));
const afterBasePath = ids.map((id) => templateOf(id, true));

/**
 * The operation `method pathname` reaches, if any. With `withBasePath`, the API's path may follow a
 * base path, as in a captured URL (`/data/core/ups/export/jobs`).
 */
export function operationAt(method: string, pathname: string, { withBasePath = false } = {}): OperationAtPath | undefined {
  const upper = method.toUpperCase();
  for (const template of withBasePath ? afterBasePath : exact) {
    const match = template.method === upper ? template.pattern.exec(pathname) : null;
    if (match) return { operationId: template.operationId, parameters: Object.fromEntries(template.names.map((name, i) => [name, match[i + 1]!])) };
  }
  return undefined;
}
