// The part of newman's programmatic API the tests use: newman ships no type declarations.
declare module "newman" {
  import type { EventEmitter } from "node:events";

  export interface NewmanVariable {
    key: string;
    value: string;
    type?: "default" | "secret";
  }

  export interface NewmanRunOptions {
    /** A Postman collection (format v2.1), as parsed JSON. */
    collection: object;
    environment?: { values: NewmanVariable[] };
    globals?: { values: NewmanVariable[] };
    /** None when empty: the test reads the summary instead. */
    reporters?: string[];
    /** The whole run, in milliseconds (0: no limit). */
    timeout?: number;
    timeoutRequest?: number;
    timeoutScript?: number;
  }

  export interface NewmanExecution {
    item: { name: string };
    request: { method: string; url: { toString(): string } };
    response?: { code: number; text(): string };
    requestError?: Error;
  }

  export interface NewmanFailure {
    error: { name: string; message: string; test?: string };
    at?: string;
    source?: { name?: string };
  }

  export interface NewmanStat {
    total: number;
    failed: number;
    pending?: number;
  }

  export interface NewmanRunSummary {
    run: {
      executions: NewmanExecution[];
      failures: NewmanFailure[];
      stats: Record<"iterations" | "items" | "scripts" | "prerequests" | "requests" | "tests" | "assertions" | "testScripts" | "prerequestScripts", NewmanStat>;
      timings: { started: number; completed: number; responseAverage: number };
      error?: Error | null;
    };
  }

  const newman: {
    run(options: NewmanRunOptions, callback: (error: Error | null, summary: NewmanRunSummary) => void): EventEmitter;
  };
  export default newman;
}
