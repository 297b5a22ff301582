// What `npm pack` would publish, and a build to pack when there is none yet.
import { execFileSync } from "node:child_process";
import { buildIfMissing } from "./build-once.js";

/** Builds the package contents (bundle, docs, compiled client) unless they are already there. */
export function ensureBuilt(): void {
  buildIfMissing(
    ["dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "dist/openapi.json", "dist/openapi.yaml"],
    "npm run build",
  );
}

interface PackResult {
  filename: string;
  files: { path: string }[];
}

function npmPack(args: string[]): PackResult {
  const output = execFileSync("npm", ["pack", "--json", "--ignore-scripts", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return (JSON.parse(output) as PackResult[])[0]!;
}

/** The paths `npm pack` would put in the tarball, relative to the package root. */
export function packedFiles(): string[] {
  return npmPack(["--dry-run"])
    .files.map((file) => file.path)
    .sort();
}

/** Writes the tarball into `directory` and returns its file name. */
export function packInto(directory: string): string {
  return npmPack(["--pack-destination", directory]).filename;
}
