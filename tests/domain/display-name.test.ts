import { describe, expect, it } from "vitest";
import { cleanName, personName } from "../../src/domain/display-name.js";

/** Every character the issue names, and a few more invisible ones. */
const CONTROLS = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u0007"];

describe("cleanName", () => {
  it("removes every bidi control, mark and zero-width character, wherever it sits", () => {
    for (const c of CONTROLS) {
      expect(cleanName(`${c}王${c}芳${c}`), `U+${c.codePointAt(0)!.toString(16)}`).toBe("王芳");
    }
    expect(cleanName("\u202E1234\u202C Anna")).toBe("1234 Anna");
  });

  it("keeps ordinary names as typed, collapsing runs of spaces", () => {
    expect(cleanName("王芳")).toBe("王芳");
    expect(cleanName("  Anna   Li ")).toBe("Anna Li");
    expect(cleanName("محمد")).toBe("محمد");
    expect(cleanName("José 😀")).toBe("José 😀");
  });
});

describe("personName", () => {
  it("joins first and last name and the username, all cleaned", () => {
    expect(personName({ firstName: "王芳", username: "wangfang" }, "#1")).toBe("王芳 (@wangfang)");
    expect(personName({ firstName: "\u202EAnna", lastName: "Li\u200B", username: "a\u2066nna" }, "#1")).toBe("Anna Li (@anna)");
  });

  it("falls back when nothing visible is left", () => {
    expect(personName({ firstName: "\u200B\u202E" }, "#42")).toBe("#42");
  });
});
