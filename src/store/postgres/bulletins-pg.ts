/**
 * The health-bulletin issues over PostgreSQL (one community): those of `data/bulletins/` (passed in
 * as `catalog.bulletins`, kept in memory as the JSON store keeps them) and those published from the
 * chat (`bulletins`, one row per month, one column per language). Reads go to the table, so an issue
 * published on another instance is seen at once; each `list()` also puts the merged issues into
 * `catalog.bulletins`. Publishing takes an advisory lock on the month, so what it replaced is
 * decided once even when two instances publish the same month at once. Whether an issue's notice
 * went out is read from the schedule keys (`schedule_keys`), as the scheduler and /sendnow take them.
 */
import { sql, type Selectable } from "kysely";
import type { StoredIssue } from "../../domain/bulletin-issue.js";
import { reminderKey, type Bulletin, type NoticeCatalog } from "../../domain/notice.js";
import { mergeIssues, replacedBy, type BulletinRepo } from "../bulletin-repo.js";
import type { PgDb } from "./database.js";
import type { BulletinsTable } from "./tables.js";

function rowToIssue(r: Selectable<BulletinsTable>): StoredIssue {
  return { id: r.id, publishOn: r.publish_on, ...(r.zh ? { zh: r.zh } : {}), ...(r.en ? { en: r.en } : {}) };
}

export async function createPgBulletinRepo(db: PgDb, community: string, catalog: NoticeCatalog, now: () => Date = () => new Date()): Promise<BulletinRepo> {
  const seed = [...catalog.bulletins];
  const seedIds = new Set(seed.map((b) => b.id));
  const stored = async (id: string, tx: Pick<PgDb, "selectFrom"> = db): Promise<StoredIssue | undefined> => {
    const r = await tx.selectFrom("bulletins").selectAll().where("community", "=", community).where("id", "=", id).executeTakeFirst();
    return r && rowToIssue(r);
  };
  const list = async (): Promise<Bulletin[]> => {
    const rows = await db.selectFrom("bulletins").selectAll().where("community", "=", community).orderBy("id").execute();
    const merged = mergeIssues(seed, rows.map(rowToIssue));
    catalog.bulletins.splice(0, catalog.bulletins.length, ...merged);
    return [...merged];
  };

  await list();
  return {
    list,
    get: async (id) => (await list()).find((b) => b.id === id),
    stored: (id) => stored(id),
    wouldReplace: async (id, locale) => replacedBy(await stored(id), seedIds.has(id), locale),
    async publish(input) {
      const version = JSON.stringify({ ...input.version, by: input.by, at: now().toISOString() });
      const replaced = await db.transaction().execute(async (tx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`bulletins:${community}:${input.id}`}))`.execute(tx);
        const was = replacedBy(await stored(input.id, tx), seedIds.has(input.id), input.locale);
        await tx.insertInto("bulletins")
          .values({ community, id: input.id, publish_on: input.publishOn, [input.locale]: version })
          .onConflict((oc) => oc.columns(["community", "id"]).doUpdateSet((eb) => ({
            publish_on: eb.ref("excluded.publish_on"),
            [input.locale]: eb.ref(`excluded.${input.locale}`),
          })))
          .execute();
        return was;
      });
      await list();
      return { replaced };
    },
    async sent(date) {
      const keys = catalog.notices.filter((n) => n.bulletin).flatMap((n) => n.reminders.map((r) => reminderKey(n.id, date, r.id)));
      if (keys.length === 0) return false;
      const r = await db.selectFrom("schedule_keys").select("key").where("community", "=", community).where("key", "in", keys).executeTakeFirst();
      return r !== undefined;
    },
  };
}
