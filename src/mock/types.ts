import type { ExportJob } from "../types.js";

export interface MockCredentials {
  accessToken?: string;
  apiKey?: string;
  orgId?: string;
}

export interface MockServerOptions {
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Default "127.0.0.1": the mock is for this machine only. */
  host?: string;
  /**
   * Default true: each organization and sandbox starts with the example jobs of the description,
   * with its own org id in `imsOrgId`. Those that have not ended move on like created jobs.
   */
  seed?: boolean;
  /** More jobs each organization and sandbox starts with, exactly as given. A job with the id of a seeded one replaces it. */
  jobs?: ExportJob[];
  /** How long a created job stays NEW. Default 1000 ms. */
  processingAfterMs?: number;
  /** How long a created job stays PROCESSING before it ends. Default 3000 ms. */
  finishAfterMs?: number;
  /**
   * How DELETE answers when it marks a job for cancelling: 200 with an acknowledgement (default) or
   * 204 without a body. A job that has already ended is answered 200 with `status: false` either way.
   */
  cancelStatus?: 200 | 204;
  /**
   * Send jobs in the legacy forms the description still accepts: `dataSetId`, a single-object
   * `batches` where there is one batch, a bare-string batch `status` where there is one value; and
   * job 100 as the oldest revision shows it. Default false: the canonical forms.
   */
  legacyShapes?: boolean;
  /** When a value is set, requests must carry exactly it; otherwise any non-empty value is accepted. */
  credentials?: MockCredentials;
  /** The clock for creation and update times and for the lifecycle of created jobs. Default Date.now. */
  now?: () => number;
  /** Receives one line per request and one per response that breaks the description. Never credentials. */
  log?: (line: string) => void;
}

/** The jobs of one organization and sandbox. */
export interface MockJobStore {
  /** Adds a job as it is (a copy); it never changes status by itself. Replaces a job with the same id. */
  add(job: ExportJob): void;
  get(id: number): ExportJob | undefined;
  /** Every job, newest first: creationTime descending, then id descending. */
  all(): ExportJob[];
  readonly size: number;
  /** Reserves an id that no job, of any organization or sandbox, has had yet. */
  nextId(): number;
}

export interface MockRequestRecord {
  method: string;
  /** The URL path as sent (with the base path, if there was one), without the query. */
  path: string;
  /** The query, with its leading "?", or "". */
  query: string;
  status: number;
  /** The request's `x-request-id`, or the one the mock made up when it had none. */
  requestId?: string;
}

export interface MockServer {
  /**
   * The base URL, such as "http://127.0.0.1:40123"; the API lives at `${url}/export/jobs`, and at
   * the platform's path, `${url}/data/core/ups/export/jobs`, as well.
   */
  url: string;
  port: number;
  /** The jobs that requests with this `x-gw-ims-org-id` and `x-sandbox-name` see; seeded on first use. */
  jobsOf(orgId: string, sandboxName: string): MockJobStore;
  requests: MockRequestRecord[];
  /** Every response the mock sent that the description does not allow. Stays empty unless the mock has a bug. */
  responseViolations: string[];
  /** Stops the server and closes open (keep-alive) connections. */
  close(): Promise<void>;
}
