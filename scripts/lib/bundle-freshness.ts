// Whether dist/openapi.json is older than the description it was bundled from: pages checked
// against a stale bundle would be compared with a description that no longer exists.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUNDLED_DESCRIPTION } from "./operation-table.js";

const SOURCES = fileURLToPath(new URL("../../openapi", import.meta.url));

export function bundleIsStale(bundle = BUNDLED_DESCRIPTION, sources = SOURCES): boolean {
  const files = readdirSync(sources, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name));
  const newest = Math.max(...files.map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));
  return newest > statSync(bundle).mtimeMs;
}
