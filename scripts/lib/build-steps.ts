// The build steps: what each runs, what it reads and what it writes. `npm run <step>` and
// `npm start` run a step only when something it reads (or a tool, or Node.js) changed since it
// last succeeded, or when what it wrote is gone or was changed since (scripts/lib/run-steps.ts).
// A path a step reads that is not listed here would let a stale result pass: when a step starts
// reading a new file or folder, add it.

export interface Step {
  /** A shell command line, run from the repository root with node_modules/.bin on the PATH. */
  run: string;
  /** Files and folders (everything below them) the step reads, besides the installed packages. */
  reads: string[];
  /**
   * Files and folders it writes; `onlyEnding` keeps the files of a folder whose names end so, and
   * `except` leaves out folders below it that another step writes.
   */
  writes: { path: string; onlyEnding?: string[]; except?: string[] }[];
  /** Steps that write what this one reads: they run first, even when not asked for. */
  needs?: string[];
  /** Steps that, when also asked for, run first (this one reads what they may rewrite). */
  after?: string[];
}

// Every step reads package.json: `type` decides how TypeScript and tsx treat the files.
const MANIFEST = "package.json";
const TS_CONFIGS = ["tsconfig.json", "tsconfig.build.json"];

export const STEPS: Record<string, Step> = {
  "lint:redocly": { run: "redocly lint", reads: ["openapi", "redocly.yaml", MANIFEST], writes: [] },
  "lint:spectral": { run: "spectral lint openapi/openapi.yaml --fail-severity=warn", reads: ["openapi", ".spectral.yaml", MANIFEST], writes: [] },
  bundle: {
    run: "redocly bundle openapi/openapi.yaml -o dist/openapi.yaml && redocly bundle openapi/openapi.yaml -o dist/openapi.json",
    reads: ["openapi", "redocly.yaml", MANIFEST],
    writes: [{ path: "dist/openapi.yaml" }, { path: "dist/openapi.json" }],
  },
  generate: { run: "tsx scripts/generate.ts", reads: ["dist/openapi.json", "scripts", MANIFEST], writes: [{ path: "generated" }], needs: ["bundle"] },
  docs: {
    run: "tsx scripts/build-docs.ts",
    // The decision log (openapi/README.md) becomes the page's decision sections.
    reads: ["dist/openapi.json", "openapi/docs-template", "openapi/README.md", "scripts", "redocly.yaml", MANIFEST],
    writes: [{ path: "dist/docs/index.html" }, { path: "dist/docs/redoc.js" }],
    needs: ["bundle"],
  },
  compile: {
    run: "tsc -p tsconfig.build.json",
    reads: ["src", "generated", ...TS_CONFIGS, MANIFEST],
    writes: [{ path: "dist", onlyEnding: [".js", ".d.ts"], except: ["dist/docs"] }],
    after: ["generate"],
  },
  // Incremental: after an edit, tsc checks again only what the edit can affect.
  typecheck: {
    run: "tsc -p tsconfig.json --incremental --tsBuildInfoFile .tmp/typecheck.tsbuildinfo",
    reads: ["src", "test", "scripts", "generated", "vitest.config.ts", "tsconfig.json", MANIFEST],
    writes: [],
    after: ["generate"],
  },
};

/** Names that stand for several steps. */
export const GROUPS: Record<string, string[]> = {
  lint: ["lint:redocly", "lint:spectral"],
  build: ["bundle", "docs", "compile"],
};
