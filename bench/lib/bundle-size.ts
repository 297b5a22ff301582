import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

export interface BundleSize {
  /** What loads before the first call can be made: the entry chunk and what it imports statically. */
  initial: { minified: number; gzipped: number };
  /** Chunks loaded only on demand (dynamic import), such as our response validators. */
  lazy: { minified: number; gzipped: number };
  /** Minified bytes each source file puts in what loads before the first call, largest first. */
  initialInputs: Record<string, number>;
}

function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === "import-statement") visit(imported.path);
    }
  };
  visit(entry);
  return seen;
}

/**
 * Bundles one entry as an application bundler would (ESM, minified, code splitting) and measures
 * every output chunk, minified and gzipped (level 9) one by one, as a server would send them.
 */
export async function measureBundle(entryPoint: string, outdir: string): Promise<BundleSize> {
  const result = await build({
    entryPoints: [entryPoint],
    outdir,
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    metafile: true,
    write: true,
    logLevel: "silent",
  });
  const metafile = result.metafile;
  const outputs = Object.keys(metafile.outputs).filter((file) => file.endsWith(".js"));
  const entry = outputs.find((file) => metafile.outputs[file]!.entryPoint !== undefined);
  if (!entry) throw new Error(`esbuild produced no entry chunk for ${entryPoint}`);
  const initialFiles = staticClosure(metafile, entry);
  const size: BundleSize = { initial: { minified: 0, gzipped: 0 }, lazy: { minified: 0, gzipped: 0 }, initialInputs: {} };
  const inputs: [string, number][] = [];
  for (const file of outputs) {
    // esbuild reports paths relative to its working directory.
    const contents = readFileSync(join(process.cwd(), file));
    const bucket = initialFiles.has(file) ? size.initial : size.lazy;
    bucket.minified += contents.length;
    bucket.gzipped += gzipSync(contents, { level: 9 }).length;
    if (bucket === size.initial) {
      for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[file]!.inputs)) {
        if (bytesInOutput > 0) inputs.push([input.replace(/^.*node_modules\//, ""), bytesInOutput]);
      }
    }
  }
  size.initialInputs = Object.fromEntries(inputs.sort((a, b) => b[1] - a[1]));
  return size;
}
