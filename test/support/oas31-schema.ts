// The OpenAPI Initiative's published JSON Schema for OpenAPI 3.1 documents (2021-09-28, with its
// dialect and meta-schema), copied into oas-3.1/ so the check needs no network.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const load = (name: string) => JSON.parse(readFileSync(new URL(`./oas-3.1/${name}`, import.meta.url), "utf8"));

const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
addFormats(ajv);
ajv.addSchema(load("meta.schema.json"));
ajv.addSchema(load("dialect.schema.json"));
const validateDocument = ajv.compile(load("index.json"));

/** The schema violations of an OpenAPI 3.1 document; empty when it is valid. */
export function validate(document: unknown): string[] {
  return validateDocument(document) ? [] : (validateDocument.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
