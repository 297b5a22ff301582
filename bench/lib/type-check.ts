import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { heyApiConsumer, oursConsumer, untypedConsumer } from "./consumers.js";
import { timedRun } from "./exec.js";
import { generateHeyApiSdk, heyApiClientEntry, heyApiSdkEntry } from "./hey-api-sdk.js";
import { packageFile } from "./package-bin.js";
import { fromRoot, tmpRoot } from "./paths.js";
import { summarize, type Summary } from "./stats.js";

export type ConsumerName = "ours" | "hey-api" | "untyped";

export interface TypeCheckResult {
  /** Wall time of `tsc --noEmit`, process start included. */
  wall: Summary;
  /** tsc's own "Check time" (binding and parsing excluded). */
  check: Summary;
  files: number;
  types: number;
  /** Every run's figures, in the order the runs were made (the variants take turns). */
  runs: { wall: number[]; check: number[] };
}

const tsc = packageFile("typescript", "bin/tsc");
const declarationsDir = join(tmpRoot, "types");
const consumersDir = join(tmpRoot, "tsc");

// One setting for every consumer, as an application would have it.
const consumerCompilerOptions = {
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  // No @types/node: the program needs only fetch's types, and Node's would dwarf everything else.
  types: [],
};

function importPath(fromDir: string, file: string): string {
  const path = relative(fromDir, file).replace(/\\/g, "/").replace(/\.ts$/, ".js");
  return path.startsWith(".") ? path : `./${path}`;
}

/**
 * What an installed copy of our package gives a consumer: declarations compiled from src/, next
 * to the generated declarations they import.
 */
async function emitOurDeclarations(): Promise<string> {
  rmSync(declarationsDir, { recursive: true, force: true });
  try {
    await timedRun(process.execPath, [tsc, "-p", fromRoot("tsconfig.build.json"), "--emitDeclarationOnly", "--outDir", join(declarationsDir, "dist")]);
  } catch (error) {
    // A type error elsewhere in src/ still emits every declaration; only a missing entry matters.
    if (!existsSync(join(declarationsDir, "dist", "index.d.ts"))) throw error;
  }
  mkdirSync(join(declarationsDir, "generated"), { recursive: true });
  for (const file of ["openapi.d.ts", "validators.d.ts"]) {
    copyFileSync(fromRoot("generated", file), join(declarationsDir, "generated", file));
  }
  return join(declarationsDir, "dist", "index.ts");
}

function writeConsumer(name: ConsumerName, source: (dir: string) => string): string {
  const dir = join(consumersDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "consumer.ts"), source(dir));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: consumerCompilerOptions, files: ["consumer.ts"] }, null, 2));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ private: true, type: "module" }));
  return dir;
}

function diagnostic(output: string, label: string): number {
  const match = new RegExp(`^${label}:\\s+([\\d.]+)(s|K)?$`, "m").exec(output);
  if (!match) throw new Error(`tsc --extendedDiagnostics printed no "${label}":\n${output.slice(-2000)}`);
  return match[2] === "s" ? Number(match[1]) * 1000 : Number(match[1]);
}

let measured: Promise<Record<ConsumerName, TypeCheckResult>> | undefined;

/**
 * Type-checks the consumer program against our declarations, against the hey-api SDK and with
 * nothing typed, `runs` times each, interleaved so that a busy moment hits every variant alike.
 * Measured once per bench run and shared by the sections that compare it.
 */
export function typeCheckTimes(runs = 5): Promise<Record<ConsumerName, TypeCheckResult>> {
  measured ??= (async () => {
    rmSync(consumersDir, { recursive: true, force: true });
    const ourEntry = await emitOurDeclarations();
    await generateHeyApiSdk();
    const dirs: Record<ConsumerName, string> = {
      ours: writeConsumer("ours", (dir) => oursConsumer(importPath(dir, ourEntry))),
      "hey-api": writeConsumer("hey-api", (dir) => heyApiConsumer(importPath(dir, heyApiSdkEntry), importPath(dir, heyApiClientEntry))),
      untyped: writeConsumer("untyped", () => untypedConsumer()),
    };
    const names = Object.keys(dirs) as ConsumerName[];
    const samples = Object.fromEntries(names.map((name) => [name, { wall: [] as number[], check: [] as number[], files: 0, types: 0 }]));
    // One unmeasured pass first: it warms the file cache, and fails fast on a consumer with type errors.
    for (let run = -1; run < runs; run++) {
      for (const name of names) {
        const { ms, output } = await timedRun(process.execPath, [tsc, "-p", join(dirs[name], "tsconfig.json"), "--extendedDiagnostics"]);
        if (run < 0) continue;
        const kept = samples[name]!;
        kept.wall.push(ms);
        kept.check.push(diagnostic(output, "Check time"));
        kept.files = diagnostic(output, "Files");
        kept.types = diagnostic(output, "Types");
      }
    }
    return Object.fromEntries(
      names.map((name) => {
        const kept = samples[name]!;
        return [
          name,
          { wall: summarize(kept.wall), check: summarize(kept.check), files: kept.files, types: kept.types, runs: { wall: kept.wall, check: kept.check } },
        ];
      }),
    ) as Record<ConsumerName, TypeCheckResult>;
  })();
  return measured;
}
