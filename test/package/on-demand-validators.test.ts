// The size budget (.size-limit.json) leaves the generated validators out because the client loads
// them only when validation is asked for. This keeps that true: bundled the way an application
// bundler would, the validators must land in their own chunk, reached only by a dynamic import.
import { build, type Metafile } from "esbuild";
import { beforeAll, expect, it } from "vitest";
import { ensureBuilt } from "./packed-files.js";

const validators = "generated/validators.js";
let metafile: Metafile;

beforeAll(async () => {
  ensureBuilt();
  ({ metafile } = await build({
    entryPoints: ["dist/index.js"],
    bundle: true,
    splitting: true,
    format: "esm",
    minify: true,
    external: ["openapi-fetch"],
    outdir: "bundle",
    write: false,
    metafile: true,
    logLevel: "silent",
  }));
}, 180_000);

function outputHolding(input: string) {
  return Object.entries(metafile.outputs).find(([, output]) => input in output.inputs);
}

it("keeps the validators out of the client entry's chunk", () => {
  const [entryPath, entry] = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === "dist/index.js")!;
  expect(entryPath).toBeDefined();
  expect(Object.keys(entry.inputs)).toContain("dist/client.js");
  expect(Object.keys(entry.inputs)).not.toContain(validators);
});

it("loads the validators only through a dynamic import", () => {
  const holding = outputHolding(validators);
  expect(holding, "a chunk with the validators").toBeDefined();
  const [chunkPath] = holding!;
  const importers = Object.values(metafile.outputs).flatMap((output) =>
    output.imports.filter((imported) => imported.path === chunkPath).map((imported) => imported.kind),
  );
  expect(importers.length).toBeGreaterThan(0);
  expect(importers.every((kind) => kind === "dynamic-import")).toBe(true);
});
