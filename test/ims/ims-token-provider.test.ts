import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
