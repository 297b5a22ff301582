// What the bundled description says about the things a page names: the values of an enumerated
// schema, whether a dotted field path (`filter.segments`, `segments.segmentId`) exists in any of
// its schemas, and which values its own examples of a response show.
import { resolveRef, type Description, type Operation } from "./operation-table.js";

export function enumValues(description: Description, schema: string): string[] {
  const values: unknown = description.components?.schemas?.[schema]?.enum;
  if (!Array.isArray(values)) throw new Error(`the description has no enumerated schema ${schema}`);
  return values.map(String);
}

/** The schemas a value of `schema` may match: through `$ref`, the branches of oneOf/anyOf/allOf and array items. */
function shapes(description: Description, schema: any, seen = new Set<any>()): any[] {
  const resolved = resolveRef(description, schema);
  if (!resolved || typeof resolved !== "object" || seen.has(resolved)) return [];
  seen.add(resolved);
  const branches = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])];
  const items = resolved.items ? [resolved.items] : [];
  return [resolved, ...[...branches, ...items].flatMap((s) => shapes(description, s, seen))];
}

function propertyOf(description: Description, schema: any, name: string): any[] {
  return shapes(description, schema).flatMap((s) => (s.properties && name in s.properties ? [s.properties[name]] : []));
}

/** Every object schema in the description, component or inline, from which a field path may start. */
function everySchema(description: Description): any[] {
  const found: any[] = [];
  const walk = (node: any, seen: Set<any>) => {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (node.properties) found.push(node);
    for (const child of Object.values(node)) walk(child, seen);
  };
  walk(description.components?.schemas, new Set());
  walk(description.paths, new Set());
  return found;
}

/**
 * Whether `segments` (`["filter", "segments"]`) name a chain of properties somewhere in the
 * description. Pages name fields from wherever their table starts (`segments.segmentId` inside
 * `filter`, `totalExportedProfileCounter` inside `metrics`), so the chain may start at any schema.
 */
export function hasFieldPath(description: Description, segments: string[]): boolean {
  return everySchema(description).some((start) => {
    let at: any[] = [start];
    for (const segment of segments) {
      at = at.flatMap((schema) => propertyOf(description, schema, segment));
      if (at.length === 0) return false;
    }
    return true;
  });
}

/** The values of top-level member `member` in the description's own examples of a response, when they are strings. */
export function exampleValues(description: Description, operation: Operation, status: number, member: string): string[] {
  const item = description.paths?.[operation.path]?.[operation.method.toLowerCase()];
  const response = resolveRef(description, item?.responses?.[String(status)]);
  const media = response?.content?.["application/json"];
  const examples = [
    ...(media?.example === undefined ? [] : [media.example]),
    ...Object.values<any>(media?.examples ?? {}).map((e) => resolveRef(description, e)?.value),
  ];
  return [...new Set(examples.flatMap((value) => (typeof value?.[member] === "string" ? [value[member] as string] : [])))];
}
