/**
 * The PostgreSQL users repository beyond the contract: a person's every update calls `touch`, so an
 * unchanged name must write nothing (the row keeps its version: no dead tuple per message); and one
 * community's people are not another's.
 */
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { migrateToLatest } from "../../../src/store/postgres/migrations.js";
import { createPgUsersRepo } from "../../../src/store/postgres/users-pg.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";

const pg = usePgCluster();
let db: PgDb | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe("PostgreSQL users repository", () => {
  it("touch with an unchanged name writes nothing; a changed one does; communities stay apart", async () => {
    db = createPgDatabase(await pg.freshDatabase());
    await migrateToLatest(db);
    const users = createPgUsersRepo(db, "a", () => new Date("2026-12-01T08:00:00Z"));
    const other = createPgUsersRepo(db, "b");
    const version = async () => (await sql<{ v: string }>`SELECT xmin::text AS v FROM users WHERE community = 'a' AND id = 1`.execute(db!)).rows[0]?.v;
    await users.touch({ id: 1, first_name: "王芳" });
    const first = await version();
    await users.touch({ id: 1, first_name: "王芳" });
    expect(await version()).toBe(first);
    await users.touch({ id: 1, first_name: "王芳", username: "wf" });
    expect(await version()).not.toBe(first);
    await users.grantStaff(1);
    expect(await other.get(1)).toBeUndefined();
    expect(await other.isStaff(1)).toBe(false);
    expect(await other.forget(1, false)).toEqual({ signups: 0 });
    expect(await users.get(1)).toMatchObject({ firstName: "王芳", username: "wf" });
    expect(await users.isStaff(1)).toBe(true);
  });
});
