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
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
