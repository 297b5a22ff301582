import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Listening {
  /** `http://host:port`, without a trailing slash. */
  origin: string;
  port: number;
  /** Stops the server; calling it again returns the same promise. */
  close(): Promise<void>;
}

/** Starts an HTTP server on loopback (or `host`), on `port` (0: any free port). */
export async function listen(server: Server, port = 0, host = "127.0.0.1"): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    origin: `http://${shownHost}:${address.port}`,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would otherwise hold close() open until they time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
