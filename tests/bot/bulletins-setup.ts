import { createDraftsRepo } from "../../src/store/drafts-repo.js";
import pino from "pino";
import { createBulletinsFeature } from "../../src/bot/features/bulletins.js";
import { createNoticesFeature } from "../../src/bot/features/notices.js";
import type { NoticeCatalog } from "../../src/domain/notice.js";
import { createOutbox, type Outbox } from "../../src/delivery/outbox.js";
import { createAudienceRepo } from "../../src/store/audience-repo.js";
import { createScheduleKeys } from "../../src/store/schedule-keys.js";
import { createOutboxRepo } from "../../src/store/outbox-repo.js";
import { createSender, type Sender } from "../../src/delivery/sender.js";
import { createDeliveriesRepo } from "../../src/store/deliveries-repo.js";
import { createNoticeReminderJob } from "../../src/schedule/notice-reminders.js";
import { renderReminderBoth } from "../../src/delivery/render-reminder.js";
import type { TickJob } from "../../src/schedule/tick-job.js";
import { createBulletinRepo, type BulletinRepo } from "../../src/store/bulletin-repo.js";
import { setChatLang, subscribeChat } from "../../src/store/chats.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { createTestBot, type TestBot } from "../helpers/bot-harness.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { catalogReaderOf, noticesOf } from "../helpers/catalog.js";
import { createChatsRepo } from "../../src/store/chats-repo.js";

export const STAFF = 2;
/** residents: 100 reads Chinese, 101 English; -200 a group */
export const RESIDENTS = [100, 101, -200];

/** The bot with /bulletin, /bulletins and /sendnow, the notice job and a real sender, on the shipped data. */
export interface BulletinWorld {
  h: TestBot;
  catalog: NoticeCatalog;
  repo: BulletinRepo;
  outbox: Outbox;
  sender: Sender;
  /** the scheduler's notice job, run at an instant */
  tick: (at: Date) => Promise<void>;
  close(): Promise<void>;
}

export async function createBulletinWorld(clock: { now: Date }): Promise<BulletinWorld> {
  const catalog = await loadNoticeCatalog("data");
  let repo: BulletinRepo | undefined;
  let outbox: Outbox | undefined;
  const h = await createTestBot({
    now: () => clock.now,
    seed: (db) => {
      db.roles["1"] = "admin";
      db.roles[String(STAFF)] = "staff";
      for (const id of RESIDENTS) subscribeChat(db, { id, type: id > 0 ? "private" : "group" }, clock.now);
      setChatLang(db, 101, "en", clock.now);
    },
    features: (store) => {
      repo = createBulletinRepo({ store, catalog, now: () => clock.now });
      outbox = createOutbox(createOutboxRepo(store, () => clock.now));
      const chats = createChatsRepo(store);
      const reads = { catalog: catalogReaderOf(catalog), notices: noticesOf(catalog) };
      return [createNoticesFeature({ ...reads, outbox, chats, history: createDeliveriesRepo(store) }), createBulletinsFeature({ repo, ...reads, chats, drafts: createDraftsRepo(store, () => clock.now) })];
    },
  });
  const { store } = h;
  const translate = { zh: createTestTranslate("zh"), en: createTestTranslate("en") };
  const sender = createSender({
    deliveries: createDeliveriesRepo(store),
    api: h.bot.api,
    log: pino({ level: "silent" }),
    now: () => clock.now,
    rate: { perSecond: 1000, groupPerMinute: 1000, concurrency: 4 },
    localeOf: (id) => store.data.chats[String(id)]?.lang ?? "zh",
    translate: (l) => translate[l],
  });
  outbox!.onEnqueued = () => sender.kick();
  const job: TickJob = createNoticeReminderJob({
    keys: createScheduleKeys(store), audience: createAudienceRepo(store),
    outbox: outbox!,
    catalog: catalogReaderOf(catalog),
    log: pino({ level: "silent" }),
    render: (due) => renderReminderBoth(catalog, due, translate, catalog.timezone),
  });
  return {
    h,
    catalog,
    repo: repo!,
    outbox: outbox!,
    sender,
    async tick(at) {
      await job(at);
      await sender.idle();
    },
    async close() {
      await sender.stop();
      await h.close();
    },
  };
}
