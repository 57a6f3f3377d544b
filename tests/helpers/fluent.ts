import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import type { Locale, Translate } from "../../src/domain/translate.js";

/**
 * A Translate for tests: loads every `locales/<locale>/*.ftl` without bidi isolation and throws on
 * a missing key or a Fluent error, so a test fails instead of printing a key.
 */
export function createTestTranslate(locale: Locale, root = join(process.cwd(), "locales")): Translate {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const dir = join(root, locale);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl")).sort()) {
    const errors = bundle.addResource(new FluentResource(readFileSync(join(dir, file), "utf8")));
    if (errors.length > 0) throw new Error(`${dir}/${file}: ${errors.map((e) => e.message).join("; ")}`);
  }
  return (key, args) => {
    const message = bundle.getMessage(key);
    if (message?.value == null) throw new Error(`missing Fluent message ${locale}/${key}`);
    const errors: Error[] = [];
    const text = bundle.formatPattern(message.value, args, errors);
    if (errors.length > 0) throw new Error(`${locale}/${key}: ${errors.map((e) => e.message).join("; ")}`);
    return text;
  };
}
