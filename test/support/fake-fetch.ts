// A fetch that answers from a script and records every request it receives, for client tests
// that need no network.
export type Answer = Response | Error | ((request: Request) => Response | Error | Promise<Response | Error>);

export interface FakeFetch {
  fetch: typeof globalThis.fetch;
  requests: Request[];
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** Answers requests in order from `answers`; the last answer repeats. */
export function fakeFetch(...answers: Answer[]): FakeFetch {
  const requests: Request[] = [];
  let next = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    request.signal.throwIfAborted();
    requests.push(request);
    const answer = answers[Math.min(next++, answers.length - 1)];
    const result = typeof answer === "function" ? await answer(request) : answer;
    if (result instanceof Error) throw result;
    // A Response body can be read once; hand out a copy so a repeated answer still works.
    return result!.clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export const credentials = {
  accessToken: "S3cr3t-token-value",
  apiKey: "S3cr3t-api-key",
  orgId: "1BD6382559DF0C130A49422D@AdobeOrg",
  baseUrl: "https://platform.adobe.io/data/core/ups",
} as const;
