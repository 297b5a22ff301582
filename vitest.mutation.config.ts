import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant: the client core's own, in-process or on loopback.
// Left out: the browser, the package, the generators, the CLI's child processes, Prism and newman,
// which are slow and exercise the core only through layers that other tests pin down already.
export default defineConfig({
  test: {
    include: ["test/client/**/*.test.ts", "test/contract/**/*.test.ts", "test/ims/**/*.test.ts"],
    exclude: ["test/contract/prism.test.ts", "test/contract/properties.test.ts", "test/contract/generators.test.ts"],
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
