import { z } from "zod";

/** DATABASE_URL: PostgreSQL is the store (unset: the embedded JSON store). Never echoed: it may hold a password. */
export const databaseUrl = z
  .string()
  .trim()
  .refine(isPostgresUrl, { message: "DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database" })
  .optional();

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * COMMUNITY: the communities this bot serves, whose data files seed them (one database can hold
 * many): one slug, or a comma-separated list of slugs sharing one bot (`liuhe,gaofeng`).
 */
export const community = z
  .string()
  .trim()
  .default("default")
  .transform((value, ctx) => {
    const slugs = value.split(",").map((s) => s.trim());
    const bad = slugs.find((s) => !SLUG.test(s));
    if (bad !== undefined) {
      ctx.addIssue({ code: "custom", message: `COMMUNITY must be a short slug of a-z, 0-9 and - (such as lianhua or district-3-north), at most 64 characters, or a comma-separated list of them${slugs.length > 1 ? `; "${bad.slice(0, 70)}" is not one` : ""}` });
      return z.NEVER;
    }
    const twice = slugs.find((s, i) => slugs.indexOf(s) !== i);
    if (twice !== undefined) {
      ctx.addIssue({ code: "custom", message: `COMMUNITY names "${twice}" twice` });
      return z.NEVER;
    }
    return slugs;
  });

/** Several communities share one bot only on PostgreSQL: the JSON store holds one. */
export const MANY_NEED_DATABASE =
  "COMMUNITY lists several communities: one bot serving several needs DATABASE_URL (PostgreSQL); the embedded JSON store holds one community";

/**
 * The key of a bot's group of communities: its leader lease, handled updates and webhook inbox are
 * kept under it. One community's is its slug (as ever); a list's is its slugs, sorted and joined.
 */
export function communityGroupKey(slugs: readonly string[]): string {
  return [...slugs].sort().join(",");
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // postgres://host/db, or postgres:///db?host=/run/postgresql (a Unix socket)
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && value.length > url.protocol.length + 2;
  } catch {
    return false;
  }
}

/** The database's address for the log: host, port and database, never the user's password. */
export function describeDatabaseUrl(value: string): string {
  const url = new URL(value);
  const host = url.hostname || url.searchParams.get("host") || "localhost";
  return `${host}${url.port ? `:${url.port}` : ""}${url.pathname || "/"}`;
}

/** What must never be logged of DATABASE_URL: the URL itself and its password (as typed and decoded). */
export function databaseSecrets(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  const secrets = [value.trim()];
  try {
    const { password } = new URL(value.trim());
    if (password) secrets.push(password);
    if (password) secrets.push(decodeURIComponent(password)); // throws on a malformed %-escape
  } catch {
    // not a URL: the whole value is the secret
  }
  return [...new Set(secrets)];
}
