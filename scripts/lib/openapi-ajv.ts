// Turns the bundled OpenAPI description into JSON Schemas that Ajv can compile, one per thing a
// caller or a test wants to check: every component schema, every operation's parameters and
// request body, and every response body. Shared by the validator generator and the tests, so the
// generated validators and the tests see exactly the same schemas.
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { _ } from "ajv";
import { escapeSegment, unescapeSegment } from "./json-pointer.js";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export const SCHEMA_ROOT_ID = "urn:aep-export-jobs:openapi";

type Json = Record<string, any>;

export interface SchemaEntry {
  /** Export name in the generated module: an identifier. */
  name: string;
  schema: Json;
  /** Parameter objects are checked with type coercion, since HTTP carries them as strings. */
  coerce: boolean;
}

export const METHODS = ["get", "put", "post", "delete", "patch"] as const;

function ref(pointer: string): Json {
  return { $ref: `${SCHEMA_ROOT_ID}#${pointer}` };
}

/** Points the local `#/...` references of a copied fragment at the description's root. */
function anchorRefs(node: unknown): any {
  if (Array.isArray(node)) return node.map(anchorRefs);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) =>
      k === "$ref" && typeof v === "string" && v.startsWith("#") ? [k, SCHEMA_ROOT_ID + v] : [k, anchorRefs(v)],
    ),
  );
}

/** Every schema worth a validator, named as the generated module exports it. */
export function schemaEntries(doc: Json): SchemaEntry[] {
  const entries: SchemaEntry[] = [];
  for (const name of Object.keys(doc.components?.schemas ?? {}).sort()) {
    entries.push({ name: `schema_${name}`, schema: ref(`/components/schemas/${name}`), coerce: false });
  }
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const id: string = op.operationId;
      const params: Json[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
        p.$ref ? resolveLocal(doc, p.$ref) : p,
      );
      for (const location of ["path", "query"] as const) {
        const own = params.filter((p) => p.in === location);
        if (own.length === 0) continue;
        entries.push({
          name: `${id}_${location}`,
          coerce: true,
          schema: {
            type: "object",
            additionalProperties: false,
            required: own.filter((p) => p.required).map((p) => p.name),
            properties: Object.fromEntries(own.map((p) => [p.name, anchorRefs(p.schema)])),
          },
        });
      }
      const body = op.requestBody?.content?.["application/json"];
      if (body) {
        const pathPointer = `/paths/${escapeSegment(path)}/${method}`;
        entries.push({ name: `${id}_body`, schema: ref(`${pathPointer}/requestBody/content/application~1json/schema`), coerce: false });
      }
      for (const [status, response] of Object.entries<Json>(op.responses ?? {})) {
        const resolved = response.$ref ? resolveLocal(doc, response.$ref) : response;
        const pointer = response.$ref
          ? `${response.$ref.slice(1)}/content/application~1json/schema`
          : `/paths/${escapeSegment(path)}/${method}/responses/${status}/content/application~1json/schema`;
        const hasJson = Boolean(resolved.content?.["application/json"]?.schema);
        entries.push({
          name: `${id}_${status}`,
          coerce: false,
          // A response without content must not carry one: only "no body" validates.
          schema: hasJson ? ref(pointer) : { not: {} },
        });
      }
    }
  }
  return entries;
}

export function resolveLocal(doc: Json, pointer: string): Json {
  if (!pointer.startsWith("#/")) throw new Error(`Only local references are supported: ${pointer}`);
  return pointer
    .slice(2)
    .split("/")
    .map(unescapeSegment)
    .reduce<Json>((node, key) => {
      if (node == null || !(key in node)) throw new Error(`Unresolvable reference ${pointer}`);
      return node[key];
    }, doc);
}

export function createAjv(doc: Json, options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, ...options });
  // The full set includes OpenAPI's int32 and int64, which JSON Schema does not define.
  addFormats(ajv);
  ajv.addSchema({ $id: SCHEMA_ROOT_ID, paths: doc.paths, components: doc.components });
  return ajv;
}

/** Options for Ajv instances whose code is written out as a standalone module. */
export function standaloneOptions(coerce: boolean): Options {
  return {
    coerceTypes: coerce,
    // Referenced schemas become shared functions instead of being copied into every validator.
    inlineRefs: false,
    code: {
      source: true,
      formats: _`require("ajv-formats/dist/formats").fullFormats`,
    },
  };
}
