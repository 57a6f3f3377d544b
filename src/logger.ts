import pino, { type Logger } from "pino";

/**
 * JSON logs on stdout (journald and docker keep them). Every secret given is replaced by `***` in
 * the final line, whatever field or error message it hides in.
 */
export function createLogger(level: string, secrets: string[]): Logger {
  const hidden = secrets.filter((s) => s.length > 0);
  return pino({
    level,
    base: undefined,
    hooks: {
      streamWrite: (line) => hidden.reduce((acc, secret) => acc.split(secret).join("***"), line),
    },
  });
}
