/**
 * `npm run db:migrate`: creates or upgrades the PostgreSQL schema at DATABASE_URL. Safe to run from
 * several instances at once (the migrator holds an advisory lock while it works).
 */
import { createPgDatabase } from "../src/store/postgres/database.js";
import { migrateToLatest } from "../src/store/postgres/migrations.js";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("db:migrate: DATABASE_URL is not set (postgres://user:password@host:5432/database)");
  process.exit(2);
}
const db = createPgDatabase(url, { max: 1 });
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `db:migrate: applied ${applied.join(", ")}` : "db:migrate: the schema is up to date");
} catch (err) {
  console.error(`db:migrate: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
