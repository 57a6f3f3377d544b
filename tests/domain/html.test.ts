import { describe, expect, it } from "vitest";
import { escapeHtml, splitMessage, truncate } from "../../src/domain/html.js";

describe("escapeHtml", () => {
  it("escapes what Telegram's HTML needs and leaves the rest as typed", () => {
    expect(escapeHtml(`<b> & "x" *_.`)).toBe("&lt;b&gt; &amp; &quot;x&quot; *_.");
  });
});

describe("truncate", () => {
  it("keeps a text within the limit whole", () => {
    expect(truncate("一二三", 3)).toBe("一二三");
  });
  it("cuts after `keep` characters with an ellipsis once over `limit`", () => {
    expect(truncate("一二三四", 3)).toBe("一二三…");
    expect(truncate("abcd", 2, 3)).toBe("ab…");
    expect(truncate("abc", 2, 3)).toBe("abc");
  });
  it("never splits an emoji's surrogate pair", () => {
    expect(truncate("ab😀cd", 3)).toBe("ab😀…");
  });
});

describe("splitMessage", () => {
  it("splits at paragraphs, each part under the limit", () => {
    const text = ["a".repeat(60), "b".repeat(60), "c".repeat(60)].join("\n\n");
    const parts = splitMessage(text, 130);
    expect(parts).toEqual(["a".repeat(60) + "\n\n" + "b".repeat(60), "c".repeat(60)]);
  });
});
