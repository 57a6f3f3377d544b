/**
 * `npm run db:import`: a JSON store filled through the JSON repositories, imported into
 * PostgreSQL, answers the same through the PostgreSQL repositories (the /export files, rosters
 * with the waitlist, attendance, figures, people, history, notices, bulletins, survey); a second
 * import is refused, --replace is accepted; the script's refusals are one clear line each.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { pgRepositories } from "../../../src/app-repos-pg.js";
import { createRepositories } from "../../../src/app-repos.js";
import { openStore } from "../../../src/store/engine/store.js";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { ImportRefused, importJsonStore } from "../../../src/store/postgres/import.js";
import { migrateToLatest } from "../../../src/store/postgres/migrations.js";
import { createPgUpdatesRepo } from "../../../src/store/postgres/updates-pg.js";
import { createUpdatesRepo } from "../../../src/store/updates-repo.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";
import { answers, buildJsonStore, configFor, NOW } from "./import-fixture.js";

const run = promisify(execFile);
const script = ["--import", "tsx", "scripts/db-import.ts"];

describe("db:import", () => {
  const pg = usePgCluster();
  let db: PgDb | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  it("PostgreSQL answers what the JSON store answered; a second import is refused, --replace accepted", async () => {
    const { file, occ } = await buildJsonStore();
    const store = await openStore({ file });
    const before = await answers(await createRepositories(configFor(file), store, () => NOW), createUpdatesRepo(store), occ);
    await store.close();
    expect(before.roster).toMatchObject({ confirmed: [expect.objectContaining({ userId: 101 })], waitlist: [expect.objectContaining({ userId: 102 })] });

    db = createPgDatabase(await pg.freshDatabase(), { max: 2 });
    await migrateToLatest(db);
    const counts = await importJsonStore(db, { file, community: "default", dataDir: "data" });
    expect(counts).toMatchObject({ chats: 3, users: 3, roles: 1, broadcasts: 1, confirmed: 1, waiting: 1, attendanceMarks: 1, surveyRounds: 1, bulletins: 1, dateMoves: 1 });
    const after = await answers(await pgRepositories(db, "default")(configFor(file), () => NOW), createPgUpdatesRepo(db, "default", { holder: "import-test" }), occ);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const [kind, answer] of Object.entries(before)) expect(after[kind], kind).toStrictEqual(answer);

    await expect(importJsonStore(db, { file, community: "default", dataDir: "data" })).rejects.toThrow(ImportRefused);
    await expect(importJsonStore(db, { file, community: "default", dataDir: "data" })).rejects.toThrow(/already has data.*--replace/);
    await importJsonStore(db, { file, community: "default", dataDir: "data", replace: true });
    expect(await answers(await pgRepositories(db, "default")(configFor(file), () => NOW), createPgUpdatesRepo(db, "default", { holder: "import-test" }), occ)).toEqual(before);
    // another community in the same database is a separate import
    await importJsonStore(db, { file, community: "north", dataDir: "data" });
    expect(await answers(await pgRepositories(db, "default")(configFor(file), () => NOW), createPgUpdatesRepo(db, "default", { holder: "import-test" }), occ)).toEqual(before);
  }, 120_000);

  it("the script imports and prints its counts, and refuses a non-store, an unmigrated schema and data present in one line", async () => {
    const { file } = await buildJsonStore();
    const url = await pg.freshDatabase();
    const env = { ...process.env, DATABASE_URL: url };
    const refused = (args: string[], e: NodeJS.ProcessEnv = env) =>
      run(process.execPath, [...script, ...args], { env: e }).then(() => "no error", (err: { code: number; stderr: string }) => `${err.code} ${err.stderr.trim()}`);

    expect(await refused([file])).toMatch(/^1 db:import: the PostgreSQL schema is not migrated \(001_initial.*\): run npm run db:migrate first$/);
    db = createPgDatabase(url, { max: 1 });
    await migrateToLatest(db);
    const bogus = join(dirname(file), "notes.json");
    await writeFile(bogus, '{"hello": "world"}');
    expect(await refused([bogus])).toMatch(/^1 db:import: .*notes\.json is not a store this bot can open: [^\n]*$/);
    expect(await refused([join(dirname(file), "missing.json")])).toMatch(/^1 db:import: .*missing\.json does not exist$/);
    expect(await refused([])).toMatch(/^2 db:import: give one store file/);
    const running = await openStore({ file });
    expect(await refused([file])).toMatch(/^1 db:import: The store .*db\.json is in use by another running bot \(process \d+\)\. Stop that one first[^\n]*$/);
    await running.close();
    const { DATABASE_URL: _drop, ...without } = env;
    expect(await refused([file], without)).toMatch(/^2 db:import: DATABASE_URL is not set/);

    const ok = await run(process.execPath, [...script, file], { env });
    expect(ok.stdout).toMatch(/imported .* into community "default": chats 3, users 3, roles 1, .*signupEvents \d+/);
    expect(await refused([file])).toMatch(/^1 db:import: community "default" already has data in PostgreSQL \(.*\): give --replace to delete it first$/);
    const again = await run(process.execPath, [...script, file, "--replace"], { env });
    expect(again.stdout).toContain("replacing its rows");
  }, 120_000);
});
