// How a job created through the mock moves from NEW to PROCESSING to SUCCEEDED or FAILED.
// The status is worked out from the clock whenever the job is read, rather than by timers, so an
// injected clock makes every step deterministic and closing the server leaves nothing running.
import type { ExportJob, ExportJobStatus } from "../types.js";

/** A created job whose datasetId starts with this ends FAILED: the way to rehearse failures. */
export const FAILURE_TRIGGER = "fail";

export interface LifecycleTiming {
  processingAfterMs: number;
  finishAfterMs: number;
}

export interface JobPlan {
  /** Where its metrics start: its creation, or for a seeded job the moment the mock began to watch it. */
  startedAt: number;
  processingAt: number;
  finishAt: number;
  outcome: "SUCCEEDED" | "FAILED";
}

/**
 * The rest of a job's way from the status it has, counted from `since`. A seeded job that the
 * documents show PROCESSING has only the last delay left, like a created job that has just started.
 */
export function planFor(job: ExportJob, since: number, timing: LifecycleTiming): JobPlan {
  const processingAt = job.status === "NEW" ? since + timing.processingAfterMs : since;
  return {
    startedAt: since,
    processingAt,
    finishAt: processingAt + timing.finishAfterMs,
    outcome: job.destination?.datasetId?.startsWith(FAILURE_TRIGGER) ? "FAILED" : "SUCCEEDED",
  };
}

/** How a job leaves a status: when, and what that does to it. */
interface Step {
  due: (plan: JobPlan) => number;
  take: (job: ExportJob, plan: JobPlan) => void;
}

// A Record, so that a status added to the description cannot compile until the mock knows how a
// job leaves it, or that it is final.
const NEXT_STEP: Record<ExportJobStatus, Step | "final"> = {
  NEW: { due: (plan) => plan.processingAt, take: startProcessing },
  PROCESSING: { due: (plan) => plan.finishAt, take: finish },
  SUCCEEDED: "final",
  FAILED: "final",
};

export function isFinal(status: ExportJobStatus): boolean {
  return NEXT_STEP[status] === "final";
}

/** Moves the job (in place) as far as the clock says it has got. Returns true once it is final. */
export function advance(job: ExportJob, plan: JobPlan, now: number): boolean {
  let step = NEXT_STEP[job.status];
  while (step !== "final" && now >= step.due(plan)) {
    step.take(job, plan);
    step = NEXT_STEP[job.status];
  }
  return step === "final";
}

/**
 * Ends an unfinished job as FAILED, the way a cancelled export ends, and returns true. A job that
 * has already ended stays as it is, and the answer is false.
 */
export function cancel(job: ExportJob, now: number): boolean {
  if (isFinal(job.status)) return false;
  job.status = "FAILED";
  job.errors = [...(job.errors ?? []), { code: "cancelled", msg: "Export job was cancelled" }];
  job.updateTime = now;
  return true;
}

function startProcessing(job: ExportJob, plan: JobPlan): void {
  job.status = "PROCESSING";
  job.updateTime = plan.processingAt;
  job.computeGatewayJobId = { exportJob: computeJobIdFor(job.id) };
}

function finish(job: ExportJob, plan: JobPlan): void {
  const { startedAt } = plan;
  job.status = plan.outcome;
  job.updateTime = plan.finishAt;
  job.metrics = {
    totalTime: span(startedAt, plan.finishAt),
    profileExportTime: span(plan.processingAt, plan.finishAt),
  };
  if (plan.outcome === "SUCCEEDED") {
    job.metrics.totalExportedProfileCounter = exportedProfilesFor(job);
  } else {
    job.errors = [
      ...(job.errors ?? []),
      {
        code: "0090000009",
        msg: `Error writing profiles to dataset '${job.destination?.datasetId}'`,
        callStack: `mock: destination.datasetId starts with "${FAILURE_TRIGGER}"`,
      },
    ];
  }
}

function span(start: number, end: number) {
  return { startTimeInMs: start, endTimeInMs: end, totalTimeInMs: Math.max(0, end - start) };
}

// Stable values, so that two runs of the same script see the same job.
function computeJobIdFor(id: number): string {
  return `00000000-0000-4000-8000-${String(id % 1e12).padStart(12, "0")}`;
}

function exportedProfilesFor(job: ExportJob): number {
  return 100 * Math.max(1, job.filter?.segments?.length ?? 1);
}
