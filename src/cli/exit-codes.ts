/** What the process exit status of `aep-export-jobs` means. Scripts may rely on these values. */
export const EXIT_OK = 0;
/** The API answered with an error or could not be reached; for `validate`: a payload does not match. */
export const EXIT_API_ERROR = 1;
export const EXIT_VALIDATION_FAILED = 1;
/** Bad usage, bad input (such as an invalid request body) or missing credentials: nothing was sent. */
export const EXIT_USAGE = 2;
/** `wait` (or `create --wait`): the job ended FAILED. */
export const EXIT_JOB_FAILED = 3;
/** `wait` (or `create --wait`): the job did not finish in time. */
export const EXIT_TIMED_OUT = 4;
/**
 * `create`: no clear answer came back (a server error, a dropped connection, an unreadable
 * success), so the job may have been created. A scheduler should look before creating it again.
 */
export const EXIT_CREATE_UNCERTAIN = 5;
/** Interrupted (Ctrl-C). Waiting stops; the job itself is not cancelled. */
export const EXIT_INTERRUPTED = 130;

export const EXIT_CODES_HELP = `Exit status:
  0    success (for wait: the job SUCCEEDED)
  1    the API answered with an error or could not be reached (validate: a payload does not match)
  2    bad usage, bad input or missing credentials; nothing was sent
  3    the job FAILED (its errors are printed)
  4    timed out while waiting (the message names the job's last status)
  5    create got no clear answer: the job may have been created; look before creating it again
  130  interrupted (Ctrl-C): waiting stops, the job is NOT cancelled`;
