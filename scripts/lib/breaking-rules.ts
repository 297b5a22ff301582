// Classifies the differences between two bundled descriptions for TypeScript consumers of the
// generated types. api-smart-diff finds the differences and proposes a classification; the rules
// below decide, and where they disagree with the library the override says why.
//
// The library reports one difference per place a component is used (each operation that reaches
// it, and each component that embeds it). They are gathered back into one change per place in the
// bundle, and a change is as breaking as its strictest use: the generated type is one type, used
// in requests and responses alike.
import { apiCompare, type Diff } from "api-smart-diff";
import { escapeSegment, unescapeSegment } from "./json-pointer.js";

export type Classification = "breaking" | "non-breaking" | "documentation";
export type Direction = "request" | "response" | "operation" | "component" | "document";
type Doc = Record<string, any>;

export interface Site {
  /** The operationId, or `METHOD /path` when it has none. */
  operation?: string;
  /** Which part of the operation (`request body`, `parameter limit (query)`, `response 200`), or of the document when no operation is involved. */
  part: string;
  direction: Direction;
  /** JSON pointer into the description with every $ref resolved, as the library reports it. */
  pointer: string;
  classification: Classification;
  rule: RuleId;
}

export interface Change {
  classification: Classification;
  rule: RuleId;
  /** The rule's name for the consumers' impact ("Enum value added to a response"). */
  title: string;
  /** What changed, in a few words: "`ExportJobStatus` gains `CANCELLED`". */
  subject: string;
  why: string;
  action: "add" | "remove" | "replace" | "rename";
  /** JSON pointer into the bundled description (dist/openapi.json) of the edited place. */
  pointer: string;
  /** Which bundle `pointer` points into: the base's for a removal, the working tree's otherwise. */
  side: "base" | "head";
  before?: unknown;
  after?: unknown;
  sites: Site[];
  /** What api-smart-diff said about the strictest use, beside the project's rule. */
  library: { type: string; description?: string };
}

export type RuleId = keyof typeof RULES;

interface RuleContext {
  subject: string;
  value: unknown;
  owner: string;
  libraryDescription?: string;
  responseUses?: string[];
}

const RULES = {
  "operation-removed": {
    classification: "breaking",
    title: "Operation removed",
    why: (c: RuleContext) => `${c.subject} is gone: calls to it and types naming it no longer compile, and the server no longer answers it.`,
  },
  "operation-renamed": {
    classification: "breaking",
    title: "Operation renamed",
    why: (c: RuleContext) => `${c.subject}: the generated \`operations\` type is keyed by operationId, so code that names the old one no longer compiles.`,
  },
  "operation-added": {
    classification: "non-breaking",
    title: "Operation added",
    why: () => "A new operation: existing calls are unchanged.",
  },
  "response-removed": {
    classification: "breaking",
    title: "Response status removed",
    why: (c: RuleContext) => `${c.subject} is no longer described: code that reads its type or handles it no longer compiles.`,
  },
  "parameter-removed": {
    classification: "breaking",
    title: "Parameter removed",
    why: (c: RuleContext) => `${c.subject} is gone: callers that pass it get an excess-property error, and the server may refuse it.`,
  },
  "parameter-required": {
    classification: "breaking",
    title: "Parameter made required",
    why: (c: RuleContext) => `${c.subject} must now be given: calls without it no longer compile, and the server refuses them.`,
  },
  "enum-value-removed": {
    classification: "breaking",
    title: "Enum value removed",
    why: (c: RuleContext) =>
      `${json(c.value)} is no longer in the generated \`${c.owner}\` union: code that compares with it or has a \`case\` for it no longer compiles, and callers that send it are refused.`,
  },
  "response-enum-value-added": {
    classification: "breaking",
    title: "Enum value added to a response",
    why: (c: RuleContext) =>
      `Responses can now carry ${json(c.value)}: an exhaustive \`switch\` over the generated \`${c.owner}\` union no longer compiles, and code written for the known values (waiting for a job, normalizing one) meets a value it does not know.`,
  },
  "shared-enum-value-added": {
    classification: "breaking",
    title: "Enum value added to an enum used in responses",
    why: (c: RuleContext) =>
      `\`${c.owner}\` is also used in responses (${(c.responseUses ?? []).join(", ")}): it is one generated union in both directions, so it follows the response rule. An exhaustive \`switch\` over it no longer compiles, and readers meet ${json(c.value)}.`,
  },
  "request-enum-value-added": {
    classification: "non-breaking",
    title: "Enum value added to a request-only enum",
    why: (c: RuleContext) => `Callers may now send ${json(c.value)}; everything they send today is still accepted, and no response carries it.`,
  },
  "request-field-required": {
    classification: "breaking",
    title: "Request field made required",
    why: (c: RuleContext) => `${c.subject} must now be sent: request objects without it no longer compile, and the server refuses them.`,
  },
  "property-removed": {
    classification: "breaking",
    title: "Property removed",
    why: (c: RuleContext) =>
      `${c.subject} is gone from the generated type: code that reads it, or sets it in a request, no longer compiles (and an object without additional properties is refused by the server).`,
  },
  "optional-request-field-added": {
    classification: "non-breaking",
    title: "Optional request field added",
    why: (c: RuleContext) => `${c.subject} is new and optional: existing requests stay valid.`,
  },
  "response-field-added": {
    classification: "non-breaking",
    title: "Response field added",
    why: (c: RuleContext) => `${c.subject} is new in responses: existing code ignores it.`,
  },
  "request-type-widened": {
    classification: "non-breaking",
    title: "Request type widened",
    why: (c: RuleContext) => `${c.subject} accepts more than before (${json(c.value)}): every request valid today stays valid.`,
  },
  "response-type-changed": {
    classification: "breaking",
    title: "Response type changed",
    why: (c: RuleContext) => `${c.subject} is now ${json(c.value)}: code that reads it as before no longer compiles, or meets values of a type it does not expect.`,
  },
  "response-type-narrowed": {
    classification: "non-breaking",
    title: "Response type narrowed",
    why: (c: RuleContext) => `${c.subject} has fewer possible types (${json(c.value)}): code that reads it still compiles.`,
  },
  "request-narrowed": {
    classification: "breaking",
    title: "Request type narrowed",
    why: (c: RuleContext) =>
      `${c.subject} accepts less than before${c.libraryDescription ? ` (${c.libraryDescription})` : ""}: requests valid today may no longer compile or may be refused.`,
  },
  "default-changed": {
    classification: "non-breaking",
    title: "Default value changed",
    why: (c: RuleContext) => `${c.subject}: the generated types do not change, but callers that leave the value out get the new default.`,
  },
  deprecated: {
    classification: "non-breaking",
    title: "Deprecation changed",
    why: (c: RuleContext) => `${c.subject}: the generated types only gain or lose a \`@deprecated\` note.`,
  },
  documentation: {
    classification: "documentation",
    title: "Documentation changed",
    why: () => "Descriptions, summaries, titles, examples, tags or metadata only: the generated types and the wire format are unchanged.",
  },
  "schema-removed": {
    classification: "breaking",
    title: "Schema removed",
    why: (c: RuleContext) => `The generated type \`${c.owner}\` is gone: code that imports it no longer compiles.`,
  },
  "library-breaking": {
    classification: "breaking",
    title: "Breaking per api-smart-diff",
    why: (c: RuleContext) => `${c.subject}: ${c.libraryDescription ?? "classified as breaking by api-smart-diff"}.`,
  },
  "library-non-breaking": {
    classification: "non-breaking",
    title: "Non-breaking per api-smart-diff",
    why: (c: RuleContext) => `${c.subject}: ${c.libraryDescription ?? "classified as non-breaking by api-smart-diff"}.`,
  },
  unclassified: {
    classification: "breaking",
    title: "Unclassified change",
    why: (c: RuleContext) =>
      `${c.subject}: api-smart-diff could not classify it and no rule here does, so it counts as breaking until one does (scripts/lib/breaking-rules.ts).`,
  },
} satisfies Record<string, { classification: Classification; title: string; why: (c: RuleContext) => string }>;

const SEVERITY: Record<Classification, number> = { breaking: 2, "non-breaking": 1, documentation: 0 };
const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
// Keywords whose change only reaches the rendered docs and JSDoc comments.
const DOCUMENTATION_KEYWORDS = new Set(["description", "summary", "title", "example", "examples", "externalDocs", "$comment"]);
const ANNOTATION_SIBLINGS = new Set([...DOCUMENTATION_KEYWORDS, "default", "deprecated", "readOnly", "writeOnly"]);
const PROPERTIES = new Set(["properties", "patternProperties"]);
const NAMED_CHILDREN = new Set([...PROPERTIES, "$defs", "definitions"]);

export function compareDescriptions(before: Doc, after: Doc): Change[] {
  const { diffs } = apiCompare(inlineAnnotatedRefs(before), inlineAnnotatedRefs(after));
  const responseComponents = { before: componentsReachedFromResponses(before), after: componentsReachedFromResponses(after) };
  const groups = new Map<string, { pointer: string[]; side: "base" | "head"; diffs: Diff[] }>();
  for (const diff of diffs) {
    const side = diff.action === "remove" ? "base" : "head";
    const doc = side === "base" ? before : after;
    const pointer = sourcePointer(doc, diff.path);
    // By side and place, not by action: the library may see `required: false` dropped inside an
    // operation (an addition) where the component shows a replacement.
    const key = `${side} ${encodePointer(pointer)}`;
    const group = groups.get(key) ?? { pointer, side, diffs: [] };
    group.diffs.push(diff);
    groups.set(key, group);
  }

  // A component-level difference whose place an operation also reports, under the other side
  // (the library drops `required: false` inside operations, so there it is a removal), adds nothing.
  const reportedByOperations = new Set(
    [...groups.values()].filter((g) => g.diffs.some((d) => d.path[0] === "paths")).map((g) => encodePointer(g.pointer)),
  );
  const changes: Change[] = [];
  for (const { pointer, side, diffs: group } of groups.values()) {
    if (!group.some((d) => d.path[0] === "paths") && reportedByOperations.has(encodePointer(pointer))) continue;
    // The library's view from inside components has no direction; the operations that reach the
    // component have one, so they decide whenever there are any.
    const fromPaths = group.filter((d) => d.path[0] === "paths");
    const deciding = fromPaths.length > 0 ? fromPaths : group;
    const sites = deciding.map((diff) => site(diff, pointer, before, after, responseComponents));
    const strictest = sites.reduce((a, b) => (SEVERITY[b.classification] > SEVERITY[a.classification] ? b : a));
    const diff = deciding[sites.indexOf(strictest)]!;
    const context = ruleContext(diff, pointer, side === "base" ? before : after, responseComponents[side === "base" ? "before" : "after"], before, after);
    const rule = RULES[strictest.rule];
    changes.push({
      classification: rule.classification,
      rule: strictest.rule,
      title: rule.title,
      subject: context.subject,
      why: rule.why(context),
      action: diff.action,
      pointer: `#${encodePointer(pointer)}`,
      side,
      ...(diff.before !== undefined ? { before: diff.before } : {}),
      ...(diff.after !== undefined ? { after: diff.after } : {}),
      sites: dedupeSites(sites),
      library: { type: diff.type, ...(diff.description ? { description: diff.description } : {}) },
    });
  }
  return changes.sort((a, b) => SEVERITY[b.classification] - SEVERITY[a.classification] || a.pointer.localeCompare(b.pointer));
}

function site(diff: Diff, pointer: string[], before: Doc, after: Doc, responseComponents: Record<"before" | "after", Map<string, string[]>>): Site {
  const doc = diff.action === "remove" ? before : after;
  const { direction, operation, part } = whereInOperation(diff.path, doc);
  const rule = ruleFor(diff, direction, pointer, responseComponents[diff.action === "remove" ? "before" : "after"]);
  return {
    ...(operation ? { operation } : {}),
    part,
    direction,
    pointer: `#${encodePointer(diff.path)}`,
    classification: RULES[rule].classification,
    rule,
  };
}

function ruleFor(diff: Diff, direction: Direction, pointer: string[], responseComponents: Map<string, string[]>): RuleId {
  const path = diff.path;
  const last = path.at(-1);
  const parent = path.at(-2);

  // Overrides api-smart-diff, which leaves examples, tag descriptions and vendor extensions
  // unclassified: none of them reaches the generated types or the wire.
  if (isDocumentation(path)) return "documentation";

  if (path[0] === "paths") {
    if (path.length <= 3) return diff.action === "remove" ? "operation-removed" : diff.action === "add" ? "operation-added" : libraryRule(diff);
    if (path[3] === "responses" && path.length === 5 && diff.action === "remove") return "response-removed";
    if (path[3] === "parameters" && path.length === 5) {
      if (diff.action === "remove") return "parameter-removed";
      if (diff.action === "add") return (diff.after as Doc)?.required === true ? "parameter-required" : "library-non-breaking";
    }
    if (path[3] === "parameters" && path.length === 6 && last === "required" && diff.after === true) return "parameter-required";
    // Overrides api-smart-diff, which takes an operationId for an annotation: openapi-typescript
    // keys the `operations` type by it.
    if (path.length === 4 && last === "operationId" && diff.before !== undefined) return "operation-renamed";
  }

  if (parent === "enum") {
    // Overrides api-smart-diff, which calls a value gone from a response harmless (the server just
    // stops sending it): for TypeScript the union shrinks, and code naming the value stops compiling.
    if (diff.action === "remove") return "enum-value-removed";
    if (diff.action === "add") {
      if (direction === "response") return "response-enum-value-added";
      // Overrides api-smart-diff, which judges each use on its own and calls the request side
      // non-breaking: the generated union is shared, so an enum that responses use follows the
      // response rule wherever it appears.
      if (responseComponents.has(ownerOf(pointer))) return "shared-enum-value-added";
      return "request-enum-value-added";
    }
  }

  if (parent === "required" && diff.action === "add" && direction === "request") return "request-field-required";

  if (parent !== undefined && PROPERTIES.has(String(parent)) && diff.action === "remove") {
    // Overrides api-smart-diff, which calls a property dropped from a response or a request
    // harmless on the wire: the generated type loses it, and code that reads or sets it stops compiling.
    return "property-removed";
  }
  if (parent !== undefined && PROPERTIES.has(String(parent)) && diff.action === "add") {
    if (direction === "request") return "optional-request-field-added";
    if (direction === "response") return "response-field-added";
  }

  if (last === "type" && diff.action === "replace" && direction === "request") {
    // Overrides api-smart-diff, which calls every change of `type` breaking: a request type that
    // accepts everything it accepted before breaks no caller.
    return widens(diff.before, diff.after) ? "request-type-widened" : "request-narrowed";
  }
  if (last === "type" && diff.action === "replace" && direction === "response") {
    // Overrides api-smart-diff, which mirrors its request rule for responses and calls every
    // change of a response `type` harmless: readers of the generated type stop compiling unless
    // the type only lost possibilities.
    return widens(diff.after, diff.before) ? "response-type-narrowed" : "response-type-changed";
  }

  if (path.includes("default") && isKeywordAt(path, path.indexOf("default"))) return "default-changed";
  if (diff.type === "deprecated") return "deprecated";
  if (diff.type === "annotation") return "documentation";
  if (path[0] === "components" && path[1] === "schemas" && path.length === 3 && diff.action === "remove") return "schema-removed";
  if (diff.type === "breaking" && direction === "request") return "request-narrowed";
  return libraryRule(diff);
}

function libraryRule(diff: Diff): RuleId {
  if (diff.type === "breaking") return "library-breaking";
  if (diff.type === "non-breaking") return "library-non-breaking";
  if (diff.type === "annotation") return "documentation";
  if (diff.type === "deprecated") return "deprecated";
  return "unclassified";
}

function isDocumentation(path: (string | number)[]): boolean {
  const root = path[0];
  if (root === "tags" || root === "info" || root === "externalDocs" || root === "openapi") return true;
  if (root === "components" && path[1] === "examples") return true;
  return path.some((segment, i) => typeof segment === "string" && isKeywordAt(path, i) && (DOCUMENTATION_KEYWORDS.has(segment) || segment.startsWith("x-")));
}

/** Whether the segment at `i` is a keyword rather than a name chosen by the author (a property, a component, a path). */
function isKeywordAt(path: (string | number)[], i: number): boolean {
  if (i < 0) return false;
  const previous = path[i - 1];
  if (previous !== undefined && NAMED_CHILDREN.has(String(previous))) return false;
  if (path[0] === "components" && i === 2) return false;
  if (path[0] === "paths" && i === 1) return false;
  if (previous === "responses" || previous === "content" || previous === "examples" || previous === "headers") return false;
  return true;
}

function widens(before: unknown, after: unknown): boolean {
  const types = (t: unknown) => new Set(Array.isArray(t) ? t.map(String) : [String(t)]);
  const was = types(before);
  const is = types(after);
  return [...was].every((t) => is.has(t) || (t === "integer" && is.has("number")));
}

function whereInOperation(path: (string | number)[], doc: Doc): { direction: Direction; operation?: string; part: string } {
  if (path[0] === "components") return { direction: "component", part: `component ${path.slice(1, 3).join("/")}` };
  if (path[0] !== "paths") return { direction: "document", part: `document ${path[0]}` };
  const route = String(path[1]);
  const method = path[2] === undefined ? undefined : String(path[2]);
  const item = doc.paths?.[route] ?? {};
  const op = method ? item[method] : undefined;
  const operation = method && METHODS.has(method) ? (op?.operationId ?? `${method.toUpperCase()} ${route}`) : route;
  const section = path[3];
  if (section === "responses") return { direction: "response", operation, part: path[4] === undefined ? "responses" : `response ${path[4]}` };
  if (section === "requestBody") return { direction: "request", operation, part: "request body" };
  if (section === "parameters") {
    const parameter = resolve(doc, operationParameters(item, op)[Number(path[4])]);
    const part = parameter?.name ? `parameter ${parameter.name} (${parameter.in})` : "parameters";
    return { direction: "request", operation, part };
  }
  return { direction: "operation", operation, part: "operation" };
}

function ruleContext(diff: Diff, pointer: string[], doc: Doc, responseComponents: Map<string, string[]>, before: Doc, after: Doc): RuleContext {
  const value = diff.action === "remove" ? diff.before : diff.after;
  const owner = ownerName(pointer);
  const path = diff.path;
  const parent = path.at(-2);
  const library = diff.description?.replace(/^\[(\w+)\]\s*/, (_, verb: string) => `${verb.toLowerCase()} `);
  let subject: string;
  if (path[0] === "paths" && path.length <= 3) {
    const route = String(path[1]);
    const ops = path.length === 3 ? [String(path[2])] : Object.keys((diff.action === "remove" ? before : after).paths?.[route] ?? {}).filter((m) => METHODS.has(m));
    subject = ops.map((m) => operationLabel(doc, route, m)).join(", ");
  } else if (path[0] === "paths" && path[3] === "responses" && path.length === 5) {
    subject = `${operationLabel(doc, String(path[1]), String(path[2]))} response ${path[4]}`;
  } else if (path[0] === "paths" && path.length === 4 && path[3] === "operationId") {
    subject = `\`${String(diff.before)}\` is now \`${String(diff.after)}\` (${String(path[2]).toUpperCase()} ${path[1]})`;
  } else if (parent === "enum") {
    subject = `\`${owner}\` ${diff.action === "remove" ? "loses" : "gains"} ${json(value)}`;
  } else if (path[0] === "paths" && path[3] === "parameters" && path.length >= 5) {
    const { part } = whereInOperation(path, doc);
    const changed = path.length > 5 && path.at(-1) !== "required" ? [...path].reverse().find((s) => typeof s === "string") : undefined;
    const keyword = changed ? `: \`${changed}\`` : "";
    subject = `${part.replace(/^parameter /, "parameter `").replace(/ \(/, "` (")} of ${operationLabel(doc, String(path[1]), String(path[2]))}${keyword}`;
  } else if (parent === "required") {
    const holder = label(pointer.slice(0, -2));
    subject = `\`${holder ? `${holder}.` : ""}${String(value)}\``;
  } else if (pointer[0] === "tags" && pointer.length >= 2) {
    const tag = atPointer(doc, pointer.slice(0, 2))?.name;
    subject = `tag \`${tag ?? pointer[1]}\`${pointer[2] ? ` (${pointer[2]})` : ""}`;
  } else {
    subject = `\`${label(pointer) || encodePointer(pointer)}\``;
  }
  const responseUses = responseComponents.get(ownerOf(pointer));
  return { subject, value, owner, ...(library ? { libraryDescription: library } : {}), ...(responseUses ? { responseUses } : {}) };
}

function operationLabel(doc: Doc, route: string, method: string): string {
  const id = doc.paths?.[route]?.[method]?.operationId;
  return id ? `\`${id}\` (${method.toUpperCase()} ${route})` : `${method.toUpperCase()} ${route}`;
}

const STRUCTURE = new Set(["items", "additionalProperties", "not", "contains", "prefixItems"]);
const COMBINATORS = new Set(["oneOf", "anyOf", "allOf"]);

/**
 * A readable name for a place in the bundle: `ExportJob.destination.batches[]` inside a
 * component schema, with the keyword that changed in brackets (`CreateExportJobRequest.fields
 * (maxLength)`). Empty outside components and paths.
 */
function label(pointer: string[]): string {
  let parts: string[];
  let i: number;
  if (pointer[0] === "components" && pointer.length >= 3) {
    parts = [String(pointer[2])];
    i = 3;
  } else if (pointer[0] === "paths" && pointer.length >= 2) {
    parts = [pointer.length >= 3 ? `${String(pointer[2]).toUpperCase()} ${pointer[1]}` : String(pointer[1])];
    i = 3;
  } else return "";
  for (; i < pointer.length; i++) {
    const segment = pointer[i]!;
    if (NAMED_CHILDREN.has(segment) && i + 1 < pointer.length) parts.push(`.${pointer[++i]}`);
    else if (segment === "items" || segment === "prefixItems") parts.push("[]");
    else if (STRUCTURE.has(segment)) parts.push(`.${segment}`);
    else if (COMBINATORS.has(segment) && i + 1 < pointer.length) parts.push(`.${segment}[${pointer[++i]}]`);
    else if (segment === "responses" && i + 1 < pointer.length) parts.push(` response ${pointer[++i]}`);
    else if ((segment === "headers" || segment === "parameters") && i + 1 < pointer.length) parts.push(` ${segment.slice(0, -1)} ${pointer[++i]}`);
    else if (segment === "requestBody") parts.push(" request body");
    else if (segment === "content" && i + 1 < pointer.length) i++;
    else if (segment === "schema") continue;
    else {
      if (segment !== "enum" && segment !== "required") parts.push(` (${segment})`);
      break;
    }
  }
  return parts.join("");
}

function ownerName(pointer: string[]): string {
  if (pointer[0] === "components") return String(pointer[2]);
  return label(pointer) || encodePointer(pointer);
}

/** The component (`#/components/schemas/SegmentStatus`) or path item that holds a bundle pointer. */
export function ownerOf(pointer: string[]): string {
  if (pointer[0] === "components" && pointer.length >= 3) return `#${encodePointer(pointer.slice(0, 3))}`;
  if (pointer[0] === "paths" && pointer.length >= 2) return `#${encodePointer(pointer.slice(0, 2))}`;
  return "#";
}

/** One site per operation part: a component can be reached along several paths in one response. */
function dedupeSites(sites: Site[]): Site[] {
  const seen = new Set<string>();
  return sites.filter((s) => {
    const key = `${s.operation ?? ""} ${s.part}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Follows a path the library reports (through resolved $refs) back to the place in the bundle
 * that holds it, so that a change to a component is reported once, where it was made. The
 * library merges path-level parameters into each operation and wraps some schemas in `allOf`;
 * both are undone here. Stops at the deepest place it can find.
 */
export function sourcePointer(doc: Doc, path: (string | number)[]): string[] {
  let pointer: string[] = [];
  let node: any = doc;
  const combinators: { pointer: string[]; node: any }[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = String(path[i]);
    if (segment === "parameters" && pointer[0] === "paths" && pointer.length === 3 && METHODS.has(pointer[2]!)) {
      const own: unknown[] = node?.parameters ?? [];
      const index = Number(path[i + 1]);
      if (i + 1 >= path.length) {
        pointer = [...pointer, "parameters"];
        node = own;
        continue;
      }
      const shared = index >= own.length;
      pointer = shared ? [...pointer.slice(0, 2), "parameters", String(index - own.length)] : [...pointer, "parameters", String(index)];
      node = shared ? doc.paths[pointer[1]!].parameters?.[index - own.length] : own[index];
      i++;
      continue;
    }
    if (node !== null && typeof node === "object" && Object.hasOwn(node, segment)) {
      if (segment === "oneOf" || segment === "anyOf") combinators.push({ pointer, node });
      if (segment === "allOf" && Number(path[i + 1]) >= node.allOf.length) {
        // The library appends a schema's siblings to its allOf list.
        i++;
        continue;
      }
      pointer = [...pointer, segment];
      node = node[segment];
      continue;
    }
    if (node !== null && typeof node === "object" && typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
      pointer = decodePointer(node.$ref);
      node = atPointer(doc, pointer);
      i--;
      continue;
    }
    if (segment === "allOf" && i + 1 < path.length) {
      // An allOf the library made: item 0 is the schema itself (or its $ref), the next ones its
      // siblings, or those of the oneOf/anyOf that holds it.
      const index = Number(path[++i]);
      if (index >= 1 && combinators.length > 0) ({ pointer, node } = combinators.pop()!);
      continue;
    }
    break;
  }
  return pointer;
}

/** Maps each component that a response reaches to the operations whose responses reach it. */
export function componentsReachedFromResponses(doc: Doc): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  for (const [route, item] of Object.entries<Doc>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<Doc>(item ?? {})) {
      if (!METHODS.has(method) || !op?.responses) continue;
      const label = op.operationId ?? `${method.toUpperCase()} ${route}`;
      for (const ref of refsReachedFrom(doc, op.responses)) {
        const uses = reached.get(ref) ?? [];
        if (!uses.includes(label)) uses.push(label);
        reached.set(ref, uses);
      }
    }
  }
  return reached;
}

function refsReachedFrom(doc: Doc, start: unknown): Set<string> {
  const seen = new Set<string>();
  const queue: unknown[] = [start];
  while (queue.length > 0) {
    const node = queue.pop();
    if (Array.isArray(node)) queue.push(...node);
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith("#/")) {
          const owner = ownerOf(decodePointer(value));
          if (!seen.has(owner)) {
            seen.add(owner);
            queue.push(atPointer(doc, decodePointer(owner)));
          }
        } else queue.push(value);
      }
    }
  }
  return seen;
}

/**
 * A $ref with only annotations beside it (`description`, `default`, `deprecated`: allowed in
 * OpenAPI 3.1) is replaced by the schema it points to, with the annotations on top. api-smart-diff
 * turns such a $ref into an `allOf` and reports an edited description as a new `allOf` member,
 * breaking in a request; inlined, the edit is the annotation change it is.
 */
export function inlineAnnotatedRefs(doc: Doc): Doc {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== "object") return node;
    const copy: Doc = {};
    for (const [key, value] of Object.entries(node)) copy[key] = visit(value);
    const keys = Object.keys(copy);
    if (typeof copy.$ref === "string" && copy.$ref.startsWith("#/") && keys.length > 1 && keys.every((k) => k === "$ref" || ANNOTATION_SIBLINGS.has(k) || k.startsWith("x-"))) {
      const target = atPointer(doc, decodePointer(copy.$ref));
      if (target !== null && typeof target === "object" && !Array.isArray(target) && !("$ref" in target)) {
        const { $ref: _ref, ...annotations } = copy;
        return { ...target, ...annotations };
      }
    }
    return copy;
  };
  return visit(doc) as Doc;
}

function operationParameters(item: Doc, op: Doc | undefined): unknown[] {
  return [...(op?.parameters ?? []), ...(item?.parameters ?? [])];
}

function resolve(doc: Doc, node: any): any {
  for (let hops = 0; node && typeof node.$ref === "string" && hops < 20; hops++) node = atPointer(doc, decodePointer(node.$ref));
  return node;
}

export function atPointer(doc: unknown, pointer: string[]): any {
  return pointer.reduce<any>((node, segment) => (node === null || node === undefined ? undefined : node[segment]), doc);
}

export function decodePointer(ref: string): string[] {
  const body = ref.replace(/^#/, "");
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((s) => unescapeSegment(decodeURIComponent(s)));
}

export function encodePointer(path: (string | number)[]): string {
  return path.map((s) => `/${escapeSegment(s)}`).join("");
}

function json(value: unknown): string {
  return typeof value === "string" ? `\`${value}\`` : `\`${JSON.stringify(value)}\``;
}

export function count(changes: Change[]): Record<Classification, number> {
  const counts: Record<Classification, number> = { breaking: 0, "non-breaking": 0, documentation: 0 };
  for (const change of changes) counts[change.classification]++;
  return counts;
}
