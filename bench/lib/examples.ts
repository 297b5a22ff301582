import { existsSync, readFileSync } from "node:fs";
import { fromRoot } from "./paths.js";

export const bundledDescription = fromRoot("dist/openapi.json");

/** The bundled description; the sections read payloads from it rather than keeping copies. */
export function readDescription(): { components: { examples: Record<string, { value: unknown }> } } {
  if (!existsSync(bundledDescription)) {
    throw new Error("dist/openapi.json is missing: run `npm run bundle` first (the pipeline section does)");
  }
  return JSON.parse(readFileSync(bundledDescription, "utf8"));
}

export function exampleValue<T = unknown>(name: string): T {
  const example = readDescription().components.examples[name];
  if (!example) throw new Error(`The description has no example named "${name}"`);
  return structuredClone(example.value) as T;
}
