#!/usr/bin/env node
// The aep-export-jobs command: the program, wired to this process's streams, environment and signals.
import { secretsIn } from "./env.js";
import { EXIT_INTERRUPTED, EXIT_OK } from "./exit-codes.js";
import { PROGRAM } from "./help.js";
import { createIo } from "./output.js";
import { main } from "./program.js";

const controller = new AbortController();
process.once("SIGINT", () => {
  controller.abort(new Error("interrupted"));
  // A second Ctrl-C leaves at once.
  process.once("SIGINT", () => process.exit(EXIT_INTERRUPTED));
});
// A reader that goes away (`| head`) is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT_OK);
  throw error;
});
const io = createIo({ stdout: process.stdout, stderr: process.stderr }, process.env, secretsIn(process.env));
process.exitCode = await main(process.argv.slice(2), { env: process.env, io, stdin: process.stdin, signal: controller.signal, programName: PROGRAM });
