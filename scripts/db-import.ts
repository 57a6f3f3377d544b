/**
 * `npm run db:import -- <db.json> [--replace]`: moves an embedded store (the snapshot with its
 * journals and sign-up log beside it) into PostgreSQL at DATABASE_URL, for COMMUNITY ("default"
 * unless set), in one transaction. Stop the bot on the JSON store first (the store's lock says so
 * otherwise). DATA_DIR and COMMUNITY_TZ as for the bot. Prints the rows imported, by kind.
 */
import { createPgDatabase } from "../src/store/postgres/database.js";
import { importJsonStore } from "../src/store/postgres/import.js";

const args = process.argv.slice(2);
const replace = args.includes("--replace");
const files = args.filter((a) => a !== "--replace");
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("db:import: DATABASE_URL is not set (postgres://user:password@host:5432/database)");
  process.exit(2);
}
const file = files[0];
if (files.length !== 1 || file === undefined || file.startsWith("--")) {
  console.error("db:import: give one store file: npm run db:import -- data/db.json [--replace]");
  process.exit(2);
}
const community = process.env.COMMUNITY?.trim() || "default";
const db = createPgDatabase(url, { max: 2 });
try {
  const counts = await importJsonStore(db, {
    file, community, replace, dataDir: process.env.DATA_DIR?.trim() || "data",
    ...(process.env.COMMUNITY_TZ ? { timezone: process.env.COMMUNITY_TZ } : {}),
  });
  const listed = Object.entries(counts).map(([kind, n]) => `${kind} ${n}`).join(", ");
  console.log(`db:import: imported ${file} into community "${community}"${replace ? " (replacing its rows)" : ""}: ${listed}`);
} catch (err) {
  // one line, whatever the cause (a validation error lists its problems on several)
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, " ").trim();
  console.error(`db:import: ${message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
