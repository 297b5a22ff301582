// Preloaded into the Prism process: Prism exits as soon as the test run that started it is gone,
// even when that run was killed and never got to its teardown.
const parent = Number(process.env.PRISM_PARENT_PID);
if (Number.isInteger(parent) && parent > 0) {
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 500).unref();
}
