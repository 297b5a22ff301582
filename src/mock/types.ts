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
  /** Default true: start with the example jobs of the description. */
  seed?: boolean;
  /** More jobs to start with. A job with the id of a seeded one replaces it. */
  jobs?: ExportJob[];
  /** How long a created job stays NEW. Default 1000 ms. */
  processingAfterMs?: number;
  /** How long a created job stays PROCESSING before it ends. Default 3000 ms. */
  finishAfterMs?: number;
  /** The status DELETE answers with: 200 with an acknowledgement (default) or 204 without a body. */
  cancelStatus?: 200 | 204;
  /** When a value is set, requests must carry exactly it; otherwise any non-empty value is accepted. */
  credentials?: MockCredentials;
  /** The clock for creation and update times and for the lifecycle of created jobs. Default Date.now. */
  now?: () => number;
  /** Receives one line per request and one per response that breaks the description. Never credentials. */
  log?: (line: string) => void;
}

export interface MockJobStore {
  /** Adds a job as it is (a copy); it never changes status by itself. Replaces a job with the same id. */
  add(job: ExportJob): void;
  get(id: number): ExportJob | undefined;
  /** Every job, newest first: creationTime descending, then id descending. */
  all(): ExportJob[];
  readonly size: number;
  /** Reserves an id that no job has had yet. */
  nextId(): number;
}

export interface MockRequestRecord {
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** The query, with its leading "?", or "". */
  query: string;
  status: number;
  /** The request's `x-request-id`, or the one the mock made up when it had none. */
  requestId?: string;
}

export interface MockServer {
  /** The base URL, such as "http://127.0.0.1:40123"; the API lives at `${url}/export/jobs`. */
  url: string;
  port: number;
  store: MockJobStore;
  requests: MockRequestRecord[];
  /** Every response the mock sent that the description does not allow. Stays empty unless the mock has a bug. */
  responseViolations: string[];
  /** Stops the server and closes open (keep-alive) connections. */
  close(): Promise<void>;
}
