/**
 * Several communities sharing one bot, in-process on a throwaway PostgreSQL database: the backend
 * and the units exactly as main builds them (openPgBackend, createUnits: one createApp per
 * community behind the front router), every Bot API call answered and recorded by one recording
 * API. Each community's data files are a copy of data/ under <DATA_DIR>/communities/<slug>/, with
 * its own name and, when given, its own seed figure for garbage cleared.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import pino from "pino";
import { parseConfig } from "../../src/config.js";
import type { Localized } from "../../src/domain/translate.js";
import type { Backend } from "../../src/main-backend.js";
import { openPgBackend } from "../../src/main-backend-pg.js";
import { createUnits, type BotUnits } from "../../src/main-units.js";
import { createPgDatabase, type PgDb } from "../../src/store/postgres/database.js";
import { migrateToLatest } from "../../src/store/postgres/migrations.js";
import { seedPgAdmins } from "../../src/store/postgres/people-pg.js";
import { createRecordingApi, createRecordingFetch, type RecordedCall, type RecordingApi, type UpdateInput, type UploadedFile } from "../../tools/fake-bot-api/index.js";

export const TOKEN = "123:TEST";

export interface CommunitySetup {
  name?: Localized;
  /** the seed figure of garbage_cleared (the shipped data's is 300) */
  garbageSeed?: number;
  admins?: number[];
  /** no folder of its own: seeded from DATA_DIR itself, the shipped data as a template */
  template?: boolean;
}

export interface CommunitiesHarness {
  units: BotUnits;
  backend: Backend;
  rec: RecordingApi;
  db: PgDb;
  clock: { now: Date };
  send(u: UpdateInput): Promise<Update>;
  /** What the bot sent or edited into a chat (texts, captions, documents' contents), in order. */
  contents(chatId: number): string[];
  close(): Promise<void>;
}

/** Writes <dir>/communities/<slug>/ for each community: data/ with its name and seed. */
async function writeDataDirs(dir: string, communities: Record<string, CommunitySetup>): Promise<void> {
  if (Object.values(communities).some((c) => c.template)) await cp("data", dir, { recursive: true });
  for (const [slug, setup] of Object.entries(communities)) {
    if (setup.template) continue;
    const own = join(dir, "communities", slug);
    await cp("data", own, { recursive: true });
    if (setup.name) await writeFile(join(own, "community.json"), JSON.stringify({ name: setup.name }));
    if (setup.garbageSeed !== undefined) {
      const file = join(own, "campaign.json");
      const campaign = JSON.parse(await readFile(file, "utf8")) as { metrics: { id: string; seed?: { amount: number } }[] };
      const garbage = campaign.metrics.find((m) => m.id === "garbage_cleared");
      if (garbage?.seed) garbage.seed.amount = setup.garbageSeed;
      await writeFile(file, JSON.stringify(campaign));
    }
  }
}

export async function createCommunitiesHarness(url: string, now: Date, communities: Record<string, CommunitySetup>, env: Record<string, string> = {}): Promise<CommunitiesHarness> {
  const dir = await mkdtemp(join(tmpdir(), "communities-"));
  await writeDataDirs(dir, communities);
  const db = createPgDatabase(url, { max: 4 });
  await migrateToLatest(db);
  for (const [slug, setup] of Object.entries(communities)) await seedPgAdmins(db, slug, setup.admins ?? []);
  const slugs = Object.keys(communities);
  const config = parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: url, COMMUNITY: slugs.join(","), DATA_DIR: dir, LOG_LEVEL: "silent", ...env });
  const log = pino({ level: "silent" });
  const backend = await openPgBackend(url, slugs, TOKEN, log);
  const clock = { now };
  const rec = createRecordingApi({ token: TOKEN });
  const units = await createUnits({ config, backend, log, fetch: createRecordingFetch(rec), now: () => clock.now });
  units.identify(rec.botInfo);
  for (const app of units.apps) app.sender.start();
  let updateId = 1;
  return {
    units, backend, rec, db, clock,
    async send(u) {
      const update = { update_id: updateId++, ...u } as Update;
      rec.observeUpdate(update);
      await units.entry.handleUpdate(update);
      return update;
    },
    contents(chatId) {
      return rec.calls.filter((c) => Number(c.params.chat_id) === chatId).map(callContent);
    },
    async close() {
      for (const app of units.apps) {
        app.stopFeatures();
        await app.scheduler.stop();
        await app.sender.stop();
      }
      await backend.close();
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A call's words: its text or caption, a document's contents, a poll's question and options. */
export function callContent(c: RecordedCall): string {
  const p = c.params;
  const file = p.document as UploadedFile | undefined;
  const parts = [p.text, p.caption, p.question, JSON.stringify(p.options ?? ""), file?.bytes ? file.bytes.toString("utf8") : undefined];
  return parts.filter((x) => typeof x === "string" && x !== "" && x !== '""').join("\n");
}
