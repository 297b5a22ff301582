import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/prism.ts", "test/setup/cli-bundle.ts"],
    // `npm test` turns this off: its typecheck step has just run the same tsc over the same
    // tsconfig.json (which includes the *.test-d.ts files), failing on any error.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    // Many tests wait on child processes and sockets rather than the CPU: two workers on two cores.
    maxWorkers: 2,
    // Each worker runs file after file in one process and keeps the modules it has loaded, instead
    // of starting a process and loading vitest, src/ and the libraries again for every file (about
    // 0.6 s of CPU per file); no test relies on a fresh module state.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
