// What `npm pack` would publish, and a build to pack when there is none yet.
import { execFileSync, execSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Builds the package contents (bundle, docs, compiled client) unless they are already there. */
export function ensureBuilt(): void {
  const needed = ["dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "dist/openapi.json", "dist/openapi.yaml"];
  if (needed.every((file) => existsSync(file))) return;
  execSync("npm run build", { stdio: "pipe" });
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
