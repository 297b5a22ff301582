// A client pointed at the Prism started by test/setup/prism.ts, that records what Prism said
// about each request it received.
import { inject } from "vitest";
import { createExportJobsClient, type ExportJobsClient, type ExportJobsClientOptions } from "../../src/index.js";

export const prismCredentials = {
  accessToken: "S3cr3t-prism-token",
  apiKey: "S3cr3t-prism-api-key",
  orgId: "1BD6382559DF0C130A49422D@AdobeOrg",
} as const;

export function prismUrl(): string {
  const url = inject("prismUrl");
  if (!url) throw new Error("Prism was not started for this run (see test/setup/prism.ts)");
  return url;
}

export interface Exchange {
  method: string;
  url: string;
  status: number;
  /** The request's `x-profile-instance-id`; credentials are never recorded. */
  profileInstanceId: string | null;
  /** Prism's `sl-violations` header: why it found the request (or its own answer) invalid. */
  violations: string | null;
}

export interface RecordingClient {
  client: ExportJobsClient;
  exchanges: Exchange[];
}

/**
 * A client on Prism whose every HTTP exchange is recorded. `prefer` is sent as Prism's `Prefer`
 * header, which picks a named example (`example=job-processing`) or a status (`code=204`).
 */
export function prismClient(options: Partial<ExportJobsClientOptions> & { prefer?: string } = {}): RecordingClient {
  const { prefer, ...clientOptions } = options;
  const exchanges: Exchange[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (prefer) request.headers.set("prefer", prefer);
    const response = await fetch(request);
    exchanges.push({
      method: request.method,
      url: request.url,
      status: response.status,
      profileInstanceId: request.headers.get("x-profile-instance-id"),
      violations: response.headers.get("sl-violations"),
    });
    return response;
  };
  const client = createExportJobsClient({
    ...prismCredentials,
    baseUrl: prismUrl(),
    fetch: recording,
    validateResponses: true,
    retry: false,
    ...clientOptions,
  });
  return { client, exchanges };
}
