import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

/** Captures what the logger writes to stdout. */
async function logged(write: (log: ReturnType<typeof createLogger>) => void): Promise<string> {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    write(createLogger("info", ["123456:AAE-secretPart_xyz"]));
    await new Promise((r) => setImmediate(r));
  } finally {
    process.stdout.write = original;
  }
  return chunks.join("");
}

describe("logger", () => {
  it("never writes the token: plain, URL-encoded, or its secret part alone", async () => {
    const out = await logged((log) => {
      log.info({ url: "https://api.telegram.org/bot123456%3AAAE-secretPart_xyz/getMe" }, "encoded");
      log.info({ err: new Error("failed for bot123456:AAE-secretPart_xyz") }, "plain");
      log.info({ part: "AAE-secretPart_xyz" }, "part");
    });
    expect(out).toContain("encoded");
    expect(out).not.toContain("secretPart");
    expect(out.match(/\*\*\*/g)?.length).toBeGreaterThanOrEqual(3);
  });
});
