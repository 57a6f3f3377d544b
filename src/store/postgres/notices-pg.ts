/**
 * The notices over PostgreSQL (one community): `notices` holds them in order, seeded once from the
 * data file's (`catalog.notices`) when the community has no `notice_books` row yet (the row and the
 * seed in one transaction, so two instances starting at once seed once); afterwards the table is
 * the truth. Every read goes to the table, so a change made on another instance is seen at once;
 * each `list()` also puts the notices, with moved and skipped dates merged in (`decorate`), into
 * `catalog.notices` for what reads the catalog inside the store. A one-off event takes its number
 * `e<N>` under the community's `notice_books` row lock, so instances creating at once never share one.
 */
import type { NoticeCatalog, NoticeDef } from "../../domain/notice.js";
import { crossCheck } from "../notice-catalog.js";
import { applyChange, eventNotice, remindersDueBy, withPaused, type NoticesRepo } from "../notices-repo.js";
import type { PgDb } from "./database.js";

type Reader = Pick<PgDb, "selectFrom">;

/** Seeds the community's notices unless it has been seeded before. */
async function seedOnce(db: PgDb, community: string, notices: readonly NoticeDef[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const first = await tx.insertInto("notice_books").values({ community }).onConflict((oc) => oc.doNothing())
      .returning("community").executeTakeFirst();
    if (!first || notices.length === 0) return;
    // the data file's notices as written (moves are never part of the file, only merged in)
    const defs = notices.map(({ moves: _merged, ...n }) => n);
    await tx.insertInto("notices").values(defs.map((n, pos) => ({ community, id: n.id, pos, def: JSON.stringify(n) }))).execute();
  });
}

export async function createPgNoticesRepo(
  db: PgDb,
  community: string,
  catalog: NoticeCatalog,
  /** merges what else is kept of a notice (moved and skipped dates) into the stored one */
  decorate: (notice: NoticeDef) => NoticeDef = (n) => n,
  /** catches `decorate` up with changes other instances made (dateOverrides.refresh), before each read */
  refresh: () => Promise<void> = () => Promise.resolve(),
): Promise<NoticesRepo> {
  await seedOnce(db, community, catalog.notices);
  const read = async (tx: Reader = db): Promise<NoticeDef[]> =>
    (await tx.selectFrom("notices").select("def").where("community", "=", community).orderBy("pos").execute()).map((r) => r.def);
  const list = async (): Promise<NoticeDef[]> => {
    await refresh();
    const notices = (await read()).map(decorate);
    catalog.notices = notices;
    return [...notices];
  };
  const get = async (id: string): Promise<NoticeDef | undefined> => {
    await refresh();
    const r = await db.selectFrom("notices").select("def").where("community", "=", community).where("id", "=", id).executeTakeFirst();
    return r && decorate(r.def);
  };

  /** Rewrites one notice under its row lock, if the whole list stays valid. */
  const replace = async (id: string, make: (n: NoticeDef) => NoticeDef): Promise<NoticeDef | { problem: string } | undefined> => {
    const done = await db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom("notices").select("def").where("community", "=", community).where("id", "=", id)
        .forUpdate().executeTakeFirst();
      if (!row) return undefined;
      const next = make(row.def);
      const problems = crossCheck((await read(tx)).map((n) => decorate(n.id === id ? next : n)));
      if (problems.length > 0) return { problem: problems.join("; ") };
      await tx.updateTable("notices").set({ def: JSON.stringify(next) }).where("community", "=", community).where("id", "=", id).execute();
      return next;
    });
    if (done === undefined || "problem" in done) return done;
    await list();
    return decorate(done);
  };

  await list();
  return {
    list,
    get,
    async createEvent(input) {
      const event = await db.transaction().execute(async (tx) => {
        const book = await tx.selectFrom("notice_books").select("next_event").where("community", "=", community)
          .forUpdate().executeTakeFirstOrThrow();
        const rows = await tx.selectFrom("notices").select(["id", "pos"]).where("community", "=", community).execute();
        const taken = new Set(rows.map((r) => r.id));
        let n = book.next_event;
        while (taken.has(`e${n}`)) n++;
        const def = eventNotice(`e${n}`, input);
        const pos = Math.max(-1, ...rows.map((r) => r.pos)) + 1;
        await tx.insertInto("notices").values({ community, id: def.id, pos, def: JSON.stringify(def) }).execute();
        await tx.updateTable("notice_books").set({ next_event: n + 1 }).where("community", "=", community).execute();
        return def;
      });
      await list();
      return event;
    },
    update: (id, change) => replace(id, (n) => applyChange(n, change)),
    async setPaused(id, paused) {
      const done = await replace(id, (n) => withPaused(n, paused));
      return done !== undefined && !("problem" in done);
    },
    async markDueSent(id, now) {
      const notice = await get(id);
      if (!notice) return;
      const due = remindersDueBy(catalog, notice, now);
      if (due.length === 0) return;
      await db.insertInto("schedule_keys").values(due.map((key) => ({ community, key, at: now })))
        .onConflict((oc) => oc.doNothing()).execute();
    },
    // the notices as kept, without the moved and skipped dates merged in
    exportFile: async () => ({ timezone: catalog.timezone, notices: await read() }),
  };
}
