import type { ExportJob } from "../index.js";
import { formatDuration } from "./duration.js";
import { paintStatus } from "./job-view.js";
import type { Writer } from "./output.js";
import { printable } from "./printable.js";

export interface Progress {
  update(job: ExportJob): void;
  /** Removes the live line, if any. */
  stop(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const CLEAR_LINE = "\r\x1b[2K";

/**
 * How a wait shows itself on stderr: on a terminal, one line rewritten in place (spinner, status,
 * time elapsed); otherwise one plain line per status change, which reads well in a log.
 */
export function createProgress(stderr: Writer, jobId: number, now: () => number = Date.now): Progress {
  const started = now();
  // Whole seconds: a status line that says "33ms" reads as noise.
  const elapsed = () => formatDuration(Math.floor((now() - started) / 1000) * 1000).replace(/^0ms$/, "0s");
  if (!stderr.isTTY) {
    return {
      update: (job) => void stderr.line(`Export job ${jobId} ${printable(job.status)} (${elapsed()} elapsed)`),
      stop: () => {},
    };
  }
  let status = "waiting";
  let frame = 0;
  const draw = () => {
    frame = (frame + 1) % FRAMES.length;
    void stderr.write(`${CLEAR_LINE}${stderr.paint.cyan(FRAMES[frame]!)} Export job ${jobId} ${paintStatus(status, stderr.paint)} · ${elapsed()} elapsed`);
  };
  draw();
  const timer = setInterval(draw, 100);
  return {
    update: (job) => {
      status = job.status;
      draw();
    },
    stop: () => {
      clearInterval(timer);
      void stderr.write(CLEAR_LINE);
    },
  };
}
