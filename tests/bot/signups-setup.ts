import { createLocaleService } from "../../src/store/locales.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createBot } from "../../src/bot/create-bot.js";
import { createSignupFeature, type OnAttendance } from "../../src/bot/features/signups.js";
import { createOutbox } from "../../src/delivery/outbox.js";
import { createOutboxRepo } from "../../src/store/outbox-repo.js";
import { createI18n } from "../../src/bot/i18n.js";
import { signupKeyboard } from "../../src/domain/signups/buttons.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { createSignupRepo } from "../../src/store/signup-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createRecordingApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { createUsersRepo } from "../../src/store/users-repo.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";

export const PEST = "pest-control:2026-11-11"; // capacity 20, 09:00, cut-off 120 min
export const CLEANUP = "cleanup-day:2026-11-28"; // unlimited, 08:30
export const EVE = new Date("2026-11-10T11:00:00.000Z"); // 19:00 Shanghai, the evening before pest control
export const ADMIN = 1;
export const GROUP = -100777;

/** The real bot with the sign-up feature, on a fresh store in a temp dir, answered by the recording API. */
export async function setupSignupBot(opts: { onAttendance?: OnAttendance; outbox?: boolean } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "signups-bot-"));
  const file = join(dir, "db.json");
  const store: Store = await openStore({ file, keepBackup: false });
  await store.write((db) => {
    db.roles[String(ADMIN)] = "admin";
  }, "durable");
  const clock = { now: EVE };
  const catalog = await loadNoticeCatalog("data");
  const repo = await createSignupRepo({ store, catalog, timezone: "Asia/Shanghai", now: () => clock.now });
  const rec = createRecordingApi();
  const outbox = opts.outbox ? createOutbox(createOutboxRepo(store, () => clock.now)) : undefined;
  const feature = createSignupFeature({
    repo,
    users: createUsersRepo(store),
    locales: createLocaleService(store),
    liveEditIntervalMs: 0,
    ...(opts.onAttendance ? { onAttendance: opts.onAttendance } : {}),
    ...(outbox ? { outbox } : {}),
  });
  const bot = createBot({
    token: "123:TEST",
    botInfo: rec.botInfo,
    i18n: createI18n("locales"),
    deps: { ...createPeopleRepos(store, () => clock.now), log: pino({ level: "silent" }), now: () => clock.now, adminIds: [ADMIN], timezone: "Asia/Shanghai" },
    features: [feature],
    transformers: [rec.transformer],
  });
  let updateId = 1;
  const handle = async (u: UpdateInput) => {
    const update = { update_id: updateId++, ...u } as Update;
    rec.observeUpdate(update);
    await bot.handleUpdate(update);
  };
  /** A reminder as the sender posts it: text plus the sign-up buttons. */
  const postReminder = (chatId: number, occurrenceId: string) =>
    bot.api.sendMessage(chatId, "【除四害】明天 09:00", { reply_markup: signupKeyboard(occurrenceId) });
  /** Texts of the bot's answers to button presses, in order. */
  const answers = () => rec.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => String(c.params.text ?? ""));
  const sends = (chatId: number) => rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === chatId).map((c) => String(c.params.text));
  const close = async () => {
    feature.live.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { dir, file, store, repo, rec, bot, feature, clock, handle, postReminder, answers, sends, close };
}
