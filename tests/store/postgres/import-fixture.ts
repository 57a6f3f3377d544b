/**
 * For the import tests: a JSON store filled through the JSON repositories (as the bot fills it),
 * and what a backend's repositories answer about everything in it (the /export files first).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Repositories } from "../../../src/app-repositories.js";
import { createRepositories } from "../../../src/app-repos.js";
import { campaignExportFiles } from "../../../src/bot/features/campaign-export.js";
import { exportFiles } from "../../../src/bot/features/signups/export.js";
import { parseConfig, type Config } from "../../../src/config.js";
import { planMove } from "../../../src/domain/date-overrides.js";
import { occurrenceId } from "../../../src/domain/signups/events.js";
import { openStore } from "../../../src/store/engine/store.js";
import { pollRef } from "../../../src/store/survey-repo.js";
import { createUpdatesRepo, type UpdatesRepo } from "../../../src/store/updates-repo.js";

export const NOW = new Date("2026-12-05T02:00:00.000Z");
export const STAFF = 103;

export function configFor(file: string): Config {
  return parseConfig({ BOT_TOKEN: "123456:abcdefghijklmnopqrstuvwxyz", DATA_DIR: "data", DB_FILE: file });
}

/** Fills a new JSON store; resolves with its file and the event's occurrence (closed again). */
export async function buildJsonStore(): Promise<{ file: string; occ: string }> {
  const file = join(await mkdtemp(join(tmpdir(), "dbimport-")), "db.json");
  const store = await openStore({ file });
  const r = await createRepositories(configFor(file), store, () => NOW);
  const { chats, users } = r.core;
  await chats.subscribe({ id: 101, type: "private" }, "en");
  await chats.subscribe({ id: 102, type: "private" }, "zh");
  await chats.subscribe({ id: -500, type: "group", title: "Block 4" });
  await users.touch({ id: 101, first_name: "Ann", username: "ann" });
  await users.touch({ id: 102, first_name: "Bob", last_name: "Li" });
  await users.touch({ id: STAFF, first_name: "Cat" });
  await users.grantStaff(STAFF);
  await users.setPartyMember(101, true);
  const ev = await r.notices.createEvent({ date: "2026-12-20", time: "09:00", title: "Tree planting", text: { zh: "种树", en: "Plant trees" }, capacity: 1 });
  const occ = occurrenceId(ev.id, "2026-12-20");
  await r.signups.join(101, occ, "button");
  await r.signups.join(102, occ, "text");
  await r.signups.markAttended(STAFF, occ, [101], true);
  await r.signups.rememberLiveMessage(occ, -500, 77);
  await r.campaignRepo.record(STAFF, { metricId: "pothole_repair_area", amount: 12, note: "Block 4" });
  await r.campaignRepo.setTarget("pothole_repair_area", 500);
  const cleanup = await r.notices.get("cleanup-day");
  const plan = cleanup && planMove(cleanup, r.timezone, NOW, "2026-12-26", "2026-12-27");
  if (!plan || typeof plan === "string") throw new Error(`no move: ${JSON.stringify(plan)}`);
  await r.dateOverrides.moveDate("cleanup-day", plan, STAFF);
  await r.bulletins.publish({ id: "2026-12", publishOn: "2026-12-10", locale: "zh", version: { title: "冬季健康", body: "多喝热水" }, by: STAFF });
  const round = await r.surveyRepo.start(STAFF, 2);
  const first = round.questions[0];
  if (!first) throw new Error("no survey question");
  await r.surveyRepo.pollSent(pollRef(round.id, first), 101, "poll-1");
  await r.surveyRepo.answer("poll-1", 101, [0]);
  const { id } = await r.outboxRepo.enqueue({ kind: "adhoc", text: { zh: "停水", en: "No water" }, recipients: [101, 102], progress: { chatId: STAFF, lang: "en" } });
  await r.deliveries.claim(id, ["101", "102"]);
  await r.deliveries.record([{ broadcastId: id, key: "101", outcome: { s: "s", mid: 5 } }, { broadcastId: id, key: "102", outcome: { s: "b", err: "blocked" } }]);
  await r.deliveries.finish(id, NOW, new Set(["101", "102"]));
  const home = await r.compounds.add("Plum Garden", STAFF);
  await r.compounds.setResident(102, home.compound.id);
  await r.compounds.setGroup(-500, home.compound.id);
  await r.scheduled.schedule({ at: "2026-12-08T01:00:00.000Z", createdBy: STAFF, text: "Lift repairs", to: [home.compound.id], progress: { chatId: STAFF, lang: "en" } });
  const updates = createUpdatesRepo(store);
  await updates.markHandled(900, await updates.changeMark());
  await updates.keepInInbox({ update_id: 901, message: { message_id: 1, date: 1, from: { id: 101, is_bot: false, first_name: "Ann" }, chat: { id: 101, type: "private", first_name: "Ann" }, text: "/start" } });
  await updates.flush();
  await store.close();
  return { file, occ };
}

const reader = { t: (key: string) => key, locale: "en" as const, timezone: "Asia/Shanghai" };

/** The figures, without what is each backend's own: its change counter (a cache key) and its date function. */
async function figures(r: Repositories): Promise<unknown> {
  const f = await r.campaignRepo.figures();
  return { ...f, version: undefined, aggregates: { ...f.aggregates, localDate: undefined } };
}

/** What a backend answers about the fixture's data. */
export async function answers(r: Repositories, updates: UpdatesRepo, occ: string): Promise<Record<string, unknown>> {
  const { users, chats } = r.core;
  const csv = [
    ...(await exportFiles(users, r.signups, reader)),
    ...(await campaignExportFiles(users, r.campaignRepo, r.campaign.campaign, NOW, reader)),
  ];
  return {
    export: csv,
    roster: await r.signups.summary(occ),
    counts: await r.signups.counts(occ),
    live: await r.signups.liveMessages(occ),
    figures: await figures(r),
    profiles: [...(await users.profiles()).values()],
    staff: await users.staffIds(),
    chats: await chats.subscriberStats(),
    subscribers: [...(await chats.activeSubscriberIds())].sort((a, b) => a - b),
    history: await r.deliveries.recent(10),
    notices: await r.notices.list(),
    bulletins: await r.bulletins.list(),
    survey: await r.surveyRepo.results(),
    compounds: await r.compounds.list(),
    homes: [...(await r.compounds.members())].sort(([a], [b]) => a - b),
    groupHome: await r.compounds.compoundOf(-500),
    scheduled: await r.scheduled.waiting(),
    handled: [await updates.isHandled(900), await updates.isHandled(902)],
    inbox: await updates.inbox(),
  };
}
