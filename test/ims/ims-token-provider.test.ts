import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createImsTokenProvider, ImsTokenError, type ImsTokenProviderOptions } from "../../src/ims.js";
import { startStubIms, tokenReply, type StubIms } from "./stub-ims.js";

const SECRET = "S3cr3t-client-secret";

let ims: StubIms;
beforeEach(async () => {
  ims = await startStubIms();
});
afterEach(async () => {
  await ims.close();
});

function provider(overrides: Partial<ImsTokenProviderOptions> = {}) {
  return createImsTokenProvider({
    clientId: "client-123",
    clientSecret: SECRET,
    scopes: ["openid", "AdobeID", "read_organizations"],
    imsUrl: ims.url,
    ...overrides,
  });
}

describe("the token exchange", () => {
  it("posts the client credentials grant as a form", async () => {
    const token = await provider()();

    expect(token).toBe("token-1");
    expect(ims.exchanges).toHaveLength(1);
    const [exchange] = ims.exchanges;
    expect(exchange!.method).toBe("POST");
    expect(exchange!.contentType).toBe("application/x-www-form-urlencoded");
    expect(exchange!.body).toBe(
      `grant_type=client_credentials&client_id=client-123&client_secret=${SECRET}&scope=openid%2CAdobeID%2Cread_organizations`,
    );
  });

  it("accepts the scopes as a comma-separated string, ignoring blanks around them", async () => {
    await provider({ scopes: " openid, AdobeID ,,read_organizations " })();

    expect(new URLSearchParams(ims.exchanges[0]!.body).get("scope")).toBe("openid,AdobeID,read_organizations");
  });
});

describe("caching", () => {
  it("exchanges once for two calls while the token is fresh", async () => {
    const getToken = provider();

    expect(await getToken()).toBe("token-1");
    expect(await getToken()).toBe("token-1");
    expect(ims.exchanges).toHaveLength(1);
  });

  it("renews the token once it is within the refresh margin of its expiry", async () => {
    let clock = 1_000_000;
    ims.reply = (n) => tokenReply(`token-${n + 1}`, 3600);
    const getToken = provider({ now: () => clock, refreshMarginMs: 5 * 60_000 });

    expect(await getToken()).toBe("token-1");
    clock += 3600_000 - 5 * 60_000 - 1;
    expect(await getToken()).toBe("token-1");
    clock += 1;
    expect(await getToken()).toBe("token-2");
    expect(ims.exchanges).toHaveLength(2);
  });

  it("keeps a token that lives shorter than the margin for half its life", async () => {
    let clock = 0;
    ims.reply = (n) => tokenReply(`token-${n + 1}`, 60);
    const getToken = provider({ now: () => clock });

    await getToken();
    clock = 29_999;
    expect(await getToken()).toBe("token-1");
    clock = 30_000;
    expect(await getToken()).toBe("token-2");
  });

  it("shares one exchange between concurrent callers", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    ims.reply = (n) => ({ ...tokenReply(`token-${n + 1}`), hold: held });
    const getToken = provider();

    const calls = Array.from({ length: 5 }, () => getToken());
    await until(() => ims.exchanges.length > 0);
    release();

    expect(await Promise.all(calls)).toEqual(Array(5).fill("token-1"));
    expect(ims.exchanges).toHaveLength(1);
  });

  it("exchanges again after invalidate()", async () => {
    const getToken = provider();

    expect(await getToken()).toBe("token-1");
    getToken.invalidate();
    expect(await getToken()).toBe("token-2");
    expect(ims.exchanges).toHaveLength(2);
  });

  it("does not let an exchange started before invalidate() refill the cache", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    ims.reply = (n) => (n === 0 ? { ...tokenReply("stale"), hold: held } : tokenReply(`token-${n + 1}`));
    const getToken = provider();

    const early = getToken();
    await until(() => ims.exchanges.length > 0);
    getToken.invalidate();
    expect(await getToken()).toBe("token-2");
    release();

    expect(await early).toBe("stale");
    expect(await getToken()).toBe("token-2");
    expect(ims.exchanges).toHaveLength(2);
  });

  it("does not let an exchange started before invalidate() that fails drop the one started after", async () => {
    let releaseFirst!: () => void;
    let releaseSecond!: () => void;
    const first = new Promise<void>((resolve) => (releaseFirst = resolve));
    const second = new Promise<void>((resolve) => (releaseSecond = resolve));
    ims.reply = (n) => (n === 0 ? { status: 503, body: "busy", hold: first } : { ...tokenReply(`token-${n + 1}`), hold: second });
    const getToken = provider();

    const early = getToken().catch((e: unknown) => e);
    await until(() => ims.exchanges.length === 1);
    getToken.invalidate();
    const late = getToken();
    await until(() => ims.exchanges.length === 2);
    releaseFirst();
    expect(await early).toBeInstanceOf(ImsTokenError);
    const shared = getToken();
    releaseSecond();

    expect(await Promise.all([late, shared])).toEqual(["token-2", "token-2"]);
    expect(ims.exchanges).toHaveLength(2);
  });

  it("does not cache a failure: the next call tries again", async () => {
    ims.reply = (n) => (n === 0 ? { status: 503, body: "<html>busy</html>" } : tokenReply("token-2"));
    const getToken = provider();

    await expect(getToken()).rejects.toBeInstanceOf(ImsTokenError);
    expect(await getToken()).toBe("token-2");
  });
});

describe("errors", () => {
  it("turns an IMS refusal into an ImsTokenError with the status and code, without the secret", async () => {
    ims.reply = () => ({
      status: 400,
      body: { error: "invalid_client", error_description: `invalid client_secret parameter ${SECRET}` },
    });

    const error = await provider()().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ImsTokenError);
    expect(error).toMatchObject({ name: "ImsTokenError", status: 400, code: "invalid_client" });
    expect((error as Error).message).toContain("invalid_client");
    expect((error as Error).message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(String((error as Error).stack)).not.toContain(SECRET);
  });

  it("says when IMS cannot be reached, without the secret", async () => {
    const url = ims.url;
    await ims.close();
    ims = await startStubIms();

    const error = await provider({ imsUrl: url.replace(/:\d+\//, ":1/") })().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ImsTokenError);
    expect(error).toMatchObject({ status: undefined });
    expect((error as Error).message).toMatch(/Could not reach Adobe IMS/);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it("rejects an answer without an access token", async () => {
    ims.reply = () => ({ body: { token_type: "bearer", expires_in: 100 } });

    await expect(provider()()).rejects.toThrow(/without an access_token/);
  });

  it.each([
    [{ clientId: "" }, /clientId is required/],
    [{ clientSecret: "  " }, /clientSecret is required/],
    [{ scopes: [] }, /scopes is required/],
    [{ scopes: " , " }, /scopes is required/],
    [{ imsUrl: "not a url" }, /imsUrl is not an absolute URL/],
    [{ refreshMarginMs: -1 }, /refreshMarginMs must be/],
  ])("refuses bad options at creation: %o", (overrides, message) => {
    expect(() => provider(overrides as Partial<ImsTokenProviderOptions>)).toThrow(message);
    expect(ims.exchanges).toHaveLength(0);
  });

  it("does not quote the secret when refusing other options", () => {
    expect(() => provider({ scopes: [] })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(SECRET) }));
  });
});

describe("what IMS's answers make of the token's life", () => {
  it.each([
    ["no expires_in", undefined],
    ["an expires_in that is not a number", "soon"],
    ["a negative expires_in", -5],
    ["an expires_in of zero", 0],
  ])("a token with %s is used once and exchanged again on the next call", async (_what, expiresIn) => {
    ims.reply = (n) => ({ body: { access_token: `token-${n + 1}`, ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) } });
    const getToken = provider({ now: () => 1_000 });

    expect(await getToken()).toBe("token-1");
    expect(await getToken()).toBe("token-2");
  });

  it("counts the token's life from when the exchange started", async () => {
    let clock = 0;
    ims.reply = (n) => {
      clock += 10_000;
      return tokenReply(`token-${n + 1}`, 100);
    };
    const getToken = provider({ now: () => clock, refreshMarginMs: 0 });

    expect(await getToken()).toBe("token-1");
    clock = 99_999;
    expect(await getToken()).toBe("token-1");
    clock = 100_000;
    expect(await getToken()).toBe("token-2");
  });

  it("with no margin, keeps a token to the end of its life", async () => {
    let clock = 0;
    const getToken = provider({ now: () => clock, refreshMarginMs: 0 });
    ims.reply = (n) => tokenReply(`token-${n + 1}`, 60);

    await getToken();
    clock = 59_999;
    expect(await getToken()).toBe("token-1");
    expect(ims.exchanges).toHaveLength(1);
  });
});

describe("what an exchange sends", () => {
  it("trims the client id and the secret, sends the scopes given as an array without blanks, and asks for JSON", async () => {
    await provider({ clientId: " client-123 ", clientSecret: ` ${SECRET} `, scopes: [" openid ", "", 7 as unknown as string, "AdobeID"] })();

    const sent = new URLSearchParams(ims.exchanges[0]!.body);
    expect(sent.get("client_id")).toBe("client-123");
    expect(sent.get("client_secret")).toBe(SECRET);
    expect(sent.get("scope")).toBe("openid,AdobeID");
  });

  it("sends only to the endpoint it was given, the default being Adobe's production IMS", async () => {
    const seen: string[] = [];
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      seen.push(`${init?.method} ${String(input)} ${new Headers(init?.headers).get("accept")}`);
      return Response.json({ access_token: "token", expires_in: 100 });
    }) as typeof globalThis.fetch;
    await createImsTokenProvider({ clientId: "client-123", clientSecret: SECRET, scopes: "openid", fetch })();
    expect(seen).toEqual(["POST https://ims-na1.adobelogin.com/ims/token/v3 application/json"]);
  });
});

describe("how a refusal reads", () => {
  it.each([
    [{ error: "invalid_scope" }, "invalid_scope", "invalid_scope"],
    [{ error: "invalid_client", error_description: "bad secret" }, "invalid_client", "invalid_client: bad secret"],
    [{ error_description: "no code" }, undefined, "no error code"],
    [{ error: 42 }, undefined, "no error code"],
    ["<html>busy</html>", undefined, "the answer is not a JSON object"],
    ["null", undefined, "the answer is not a JSON object"],
    ["5", undefined, "the answer is not a JSON object"],
  ])("%j", async (body, code, detail) => {
    ims.reply = () => ({ status: 401, body });
    const error = await provider()().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code });
    expect((error as Error).message).toBe(`Adobe IMS refused the token request with HTTP 401: ${detail}`);
  });

  it("cuts a long code and description short", async () => {
    ims.reply = () => ({ status: 400, body: { error: "c".repeat(150), error_description: "d".repeat(600) } });
    const error = (await provider()().catch((e: unknown) => e)) as ImsTokenError;
    expect(error.code).toBe("c".repeat(100));
    expect(error.message).toBe(`Adobe IMS refused the token request with HTTP 400: ${"c".repeat(100)}: ${"d".repeat(500)}`);
  });

  it("names the status of a success without a token", async () => {
    ims.reply = () => ({ body: { access_token: "" } });
    const error = await provider()().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 200, message: "Adobe IMS answered HTTP 200 without an access_token" });
  });

  it("names the endpoint and the reason when it cannot be reached", async () => {
    const fetch = (async () => {
      throw new TypeError("getaddrinfo ENOTFOUND");
    }) as typeof globalThis.fetch;
    const error = await provider({ fetch })().catch((e: unknown) => e);
    expect((error as Error).message).toBe(`Could not reach Adobe IMS at ${ims.url}: getaddrinfo ENOTFOUND`);
    const odd = (async () => {
      throw "down";
    }) as typeof globalThis.fetch;
    expect(((await provider({ fetch: odd })().catch((e: unknown) => e)) as Error).message).toBe(`Could not reach Adobe IMS at ${ims.url}: down`);
  });

  it.each([
    [{ timeoutMs: -1 }, "createImsTokenProvider: timeoutMs must be a number of milliseconds, 0 or more"],
    [{ refreshMarginMs: Number.NaN }, "createImsTokenProvider: refreshMarginMs must be a number of milliseconds, 0 or more"],
    [{ imsUrl: "http://ims.example/token" }, "createImsTokenProvider: imsUrl must use https (plain http is accepted only for this machine, such as http://127.0.0.1:4010)"],
    [{ scopes: 7 as unknown as string }, "createImsTokenProvider: scopes is required (the scopes of the OAuth server-to-server credential, such as openid,AdobeID,read_organizations)"],
    [{ clientId: 7 as unknown as string }, "createImsTokenProvider: clientId is required (the client id of your Adobe Developer Console project)"],
    [{ clientSecret: undefined as unknown as string }, "createImsTokenProvider: clientSecret is required (the client secret of that project)"],
  ])("refuses %o with a message that says what to pass", (overrides, message) => {
    expect(() => provider(overrides)).toThrow(expect.objectContaining({ name: "ExportJobsConfigError", message }));
  });

  it("a finished exchange leaves no timer behind, which would hold the process open for timeoutMs", async () => {
    vi.useFakeTimers();
    try {
      const fetch = (async () => Response.json({ access_token: "token", expires_in: 100 })) as typeof globalThis.fetch;
      await createImsTokenProvider({ clientId: "client-123", clientSecret: SECRET, scopes: "openid", fetch })();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("accepts a margin and a timeout of zero", () => {
    expect(() => provider({ refreshMarginMs: 0, timeoutMs: 0 })).not.toThrow();
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
