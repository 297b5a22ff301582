// Extracts every JSON example of the documentation variants into test/fixtures/doc-examples/.
// Usage: tsx scripts/extract-doc-examples.ts [--out DIR] [FILE...]
// Without files it reads the committed copies of the variants, test/fixtures/pages/seeds/*.txt
// (their provenance is in the README there). Pages are read by the same reader as check:page.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { extractDocExamples, type DocExample } from "./lib/doc-examples.js";
import { fixtureNames, writeFixtures } from "./lib/fixture-files.js";
import { describeRepair } from "./lib/lenient-json.js";
import { DocExampleError } from "./lib/markdown-blocks.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const defaultOut = join(root, "test/fixtures/doc-examples");
const defaultSeeds = join(root, "test/fixtures/pages/seeds");

function usage(message: string): never {
  console.error(`${message}\nUsage: tsx scripts/extract-doc-examples.ts [--out DIR] [FILE...]`);
  process.exit(2);
}

function parseArgs(args: string[]): { out: string; files: string[] } {
  let out = defaultOut;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--out") out = resolve(args[++i] ?? usage("--out needs a directory"));
    else if (arg.startsWith("-")) usage(`Unknown option ${arg}`);
    else files.push(resolve(arg));
  }
  return { out, files };
}

function describeRepairs(example: DocExample): string {
  if (example.repairs.length === 0) return "";
  return `; repaired: ${example.repairs.map(describeRepair).join(", ")}`;
}

async function main(): Promise<void> {
  const { out, files: given } = parseArgs(process.argv.slice(2));
  let files = given;
  if (files.length === 0) {
    if (!existsSync(defaultSeeds)) {
      usage(`No files given and ${relative(process.cwd(), defaultSeeds) || defaultSeeds} does not exist: pass the markdown files to extract.`);
    }
    files = (await readdir(defaultSeeds)).filter((f) => f.endsWith(".txt")).sort().map((f) => join(defaultSeeds, f));
    if (files.length === 0) usage(`${defaultSeeds} holds no .txt documents.`);
  }

  const examples: DocExample[] = [];
  for (const file of files) examples.push(...extractDocExamples(await readFile(file, "utf8"), file));

  const names = fixtureNames(examples);
  const result = await writeFixtures(out, examples, given.length === 0 ? "all" : given.map((f) => basename(f)));
  const outDir = relative(process.cwd(), out) || ".";
  examples.forEach((example, i) => {
    const status = result.written.includes(`${names[i]}.json`) ? "wrote" : "same ";
    console.log(`${status} ${outDir}/${names[i]}.json  (${example.variant}:${example.line}${describeRepairs(example)})`);
  });
  for (const file of result.deleted) console.log(`deleted ${outDir}/${file} (no longer produced)`);
  const repairs = examples.flatMap((e) => e.repairs);
  const counts = new Map<string, number>();
  for (const r of repairs) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const byType = [...counts].map(([type, n]) => `${n} ${type}`);
  console.log(
    `${examples.length} fixtures from ${files.length} documents, ${repairs.length} repairs${byType.length ? ` (${byType.join(", ")})` : ""}, ` +
      `${result.written.length} written, ${result.deleted.length} stale deleted`,
  );
}

try {
  await main();
} catch (error) {
  if (!(error instanceof DocExampleError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(1);
}
