import { z } from "zod";

/** DATABASE_URL: PostgreSQL is the store (unset: the embedded JSON store). Never echoed: it may hold a password. */
export const databaseUrl = z
  .string()
  .trim()
  .refine(isPostgresUrl, { message: "DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database" })
  .optional();

/** COMMUNITY: whose data this instance's data files seed (one database can hold many). */
export const community = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "COMMUNITY must be a short slug of a-z, 0-9 and - (such as lianhua or district-3-north), at most 64 characters")
  .default("default");

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
