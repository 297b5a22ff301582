import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const BASE_URL = "https://platform.adobe.io/data/core/ups";

/** Placeholder credentials, the same for every client under test. */
export const credentials = {
  accessToken: "bench-access-token",
  apiKey: "bench-api-key",
  orgId: "BENCH0000000000000000000@AdobeOrg",
  sandboxName: "prod",
} as const;

/** The headers every client sends, set statically for the clients that have no middleware. */
export const staticHeaders: Record<string, string> = {
  Authorization: `Bearer ${credentials.accessToken}`,
  "x-api-key": credentials.apiKey,
  "x-gw-ims-org-id": credentials.orgId,
  "x-sandbox-name": credentials.sandboxName,
};

const jsonHeaders = { "content-type": "application/json" };

/**
 * A `fetch` that never leaves the process: every call answers a new Response around the same
 * prebuilt body, so what is measured is the client, not a network.
 */
export function stubFetch(body: string): typeof fetch {
  return async () => new Response(body, { status: 200, headers: jsonHeaders });
}

export interface LoopbackServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1 that answers every request with the same JSON body. */
export async function startLoopbackServer(body: string): Promise<LoopbackServer> {
  const payload = Buffer.from(body);
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json", "content-length": payload.length });
      response.end(payload);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/data/core/ups`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
