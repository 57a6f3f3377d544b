import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { Bot, GrammyError, HttpError, InputFile } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { createApiFetch } from "../../../src/bot/transport/api-fetch.js";
import { DROP, createFakeBotApi, type FakeBotApi } from "../../../tools/fake-bot-api/index.js";

const TOKEN = "123:TEST";
let api: FakeBotApi | undefined;
let raw: Server | undefined;
const transports: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await api?.stop();
  api = undefined;
  await new Promise((r) => (raw ? raw.close(r) : r(undefined)));
  raw = undefined;
});

/** A grammY bot whose calls go through createApiFetch to `url`. */
function botOver(url: string, timeoutSeconds?: number, responseTimeoutMs?: number): Bot {
  const transport = createApiFetch(responseTimeoutMs ? { responseTimeoutMs } : {});
  transports.push(transport);
  return new Bot(TOKEN, { botInfo: { id: 1, is_bot: true, first_name: "B", username: "b_bot" } as never, client: { apiRoot: url, fetch: transport.fetch, ...(timeoutSeconds ? { timeoutSeconds } : {}) } });
}

/** A plain HTTP server with its own handler (for answers the fake Bot API never gives). */
async function rawServer(handler: Parameters<typeof createServer>[1]): Promise<string> {
  raw = createServer(handler);
  await new Promise<void>((r) => raw!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
}

describe("createApiFetch: grammY's API client over undici", () => {
  it("sends JSON calls the Bot API accepts and returns their results", async () => {
    api = createFakeBotApi({ token: TOKEN });
    const { url } = await api.start();
    const bot = botOver(url);
    const sent = await bot.api.sendMessage(5, "<b>你好</b> &amp; welcome", { parse_mode: "HTML" });
    expect(sent.text).toBe("你好 & welcome");
    expect(sent.entities).toEqual([{ offset: 0, length: 2, type: "bold" }]);
    expect(api.calls.map((c) => c.method)).toEqual(["sendMessage"]);
  });

  it("uploads a file as a multipart stream, as /export does", async () => {
    api = createFakeBotApi({ token: TOKEN });
    const { url } = await api.start();
    const bot = botOver(url);
    const csv = "\uFEFF姓名,人数\n张三,3\n".repeat(2000); // larger than one stream chunk
    await bot.api.sendDocument(5, new InputFile(Buffer.from(csv), "signups.csv"), { caption: "导出" });
    const call = api.calls.find((c) => c.method === "sendDocument");
    expect(call?.params.caption).toBe("导出");
    const file = call?.params.document as { filename?: string; bytes?: Buffer } | undefined;
    expect(file?.filename).toBe("signups.csv");
    expect(file?.bytes?.toString("utf8")).toBe(csv);
  });

  it("reports Telegram's refusals as GrammyError, with the error code", async () => {
    api = createFakeBotApi({ token: TOKEN });
    const { url } = await api.start();
    const err = await botOver(url).api.sendMessage(5, "").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(400);
  });

  it("reports a dropped connection, a refused one and a non-JSON 502 as HttpError", async () => {
    api = createFakeBotApi({ token: TOKEN });
    const { url } = await api.start();
    api.failNext("sendMessage", DROP);
    const bot = botOver(url);
    expect(await bot.api.sendMessage(5, "a").catch((e: unknown) => e)).toBeInstanceOf(HttpError);
    // the next call works again over a fresh connection
    expect((await bot.api.sendMessage(5, "b")).text).toBe("b");

    const html = await rawServer((_req, res) => res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>"));
    expect(await botOver(html).api.getMe().catch((e: unknown) => e)).toBeInstanceOf(HttpError);

    const closed = `http://127.0.0.1:${(raw!.address() as AddressInfo).port}`;
    await new Promise((r) => raw!.close(r));
    raw = undefined;
    const refused = await botOver(closed).api.getMe().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect(String((refused as HttpError).error)).toMatch(/ECONNREFUSED|connect/i);
  });

  it("gives up on a server that never answers once grammY's timeout fires, and on an abort", async () => {
    const url = await rawServer(() => undefined); // reads the request, never answers
    const started = Date.now();
    const timedOut = await botOver(url, 1).api.getMe().catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(HttpError);
    expect(Date.now() - started).toBeLessThan(5_000);

    const controller = new AbortController();
    const pending = botOver(url).api.getUpdates({ timeout: 30 }, controller.signal as never).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBeInstanceOf(HttpError);
  });

  it("fails a call on a connection that went silent after its own response timeout, long before grammY's", async () => {
    const url = await rawServer(() => undefined);
    const started = Date.now();
    // grammY would wait 500 s; the client gives up after 300 ms of silence
    const err = await botOver(url, undefined, 300).api.getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(String((err as HttpError).error)).toMatch(/timeout/i);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("goes through an HTTP proxy (CONNECT) when one is set, and around it for a NO_PROXY host", async () => {
    api = createFakeBotApi({ token: TOKEN });
    const { url } = await api.start();
    const tunnels: string[] = [];
    const sockets: Socket[] = [];
    const proxy = createServer();
    proxy.on("connect", (req, client: Socket, head: Buffer) => {
      tunnels.push(String(req.url));
      sockets.push(client);
      const [host, port] = String(req.url).split(":");
      const upstream = connect(Number(port), host, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    try {
      const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const through = createApiFetch({ proxy: { http: proxyUrl } });
      const around = createApiFetch({ proxy: { http: proxyUrl, noProxy: "127.0.0.1" } });
      transports.push(through, around);
      const bot = (fetch: typeof through.fetch) => new Bot(TOKEN, { client: { apiRoot: url, fetch } });
      expect((await bot(through.fetch).api.sendMessage(5, "经代理")).text).toBe("经代理");
      expect(tunnels).toEqual([new URL(url).host]);
      expect((await bot(around.fetch).api.sendMessage(5, "直连")).text).toBe("直连");
      expect(tunnels).toHaveLength(1);
    } finally {
      // tunnels are no longer the server's connections: close() would wait for them
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => proxy.close(r));
    }
  });

  it("keeps connections open between calls instead of opening one per call", async () => {
    let connections = 0;
    const url = await rawServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"result":true}'));
    raw!.on("connection", () => connections++);
    const bot = botOver(url);
    for (let i = 0; i < 20; i++) await bot.api.deleteWebhook();
    // undici may open a second one while the first is still being released; never one per call
    expect(connections).toBeLessThanOrEqual(2);
  });
});
