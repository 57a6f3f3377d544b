import pino, { type Logger } from "pino";

/**
 * JSON logs on stdout (journald and docker keep them). Every secret given is replaced by `***` in
 * the final line, whatever field or error message it hides in, also URL-encoded (a bot token's `:`
 * becomes `%3A` in a URL) and, for a bot token, its secret part after the `:` on its own.
 */
export function createLogger(level: string, secrets: string[]): Logger {
  const hidden = [...new Set(secrets.filter((s) => s.length > 0).flatMap(variants))].sort((a, b) => b.length - a.length);
  return pino({
    level,
    base: undefined,
    hooks: {
      streamWrite: (line) => hidden.reduce((acc, secret) => acc.split(secret).join("***"), line),
    },
  });
}

function variants(secret: string): string[] {
  const tokenPart = /^\d+:(.{8,})$/.exec(secret)?.[1];
  return [secret, encodeURIComponent(secret), ...(tokenPart ? [tokenPart] : [])];
}
