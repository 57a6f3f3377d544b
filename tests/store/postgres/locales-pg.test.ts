/**
 * The locale service on PostgreSQL decides as the JSON store's does (one rule, `decideLocale`): the
 * same people and chats on both backends give the same language for every question, in a group
 * and in private, with and without Telegram's language_code. Asked many at once (a broadcast's
 * recipients), it answers the same with one query.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Locale } from "../../../src/domain/translate.js";
import { createLocaleService, type LocaleService } from "../../../src/store/locales.js";
import { createPgLocaleService } from "../../../src/store/postgres/people-pg.js";
import { backends, type BackendHandle } from "../contract/harness.js";

const now = () => new Date("2026-12-06T02:00:00Z");
const GROUP = -1001;
const QUIET_GROUP = -1002;

/** 1: chose English; 2: no choice, private chat set to English; 3: known, nothing set; 4: unknown. */
async function seed(h: BackendHandle): Promise<void> {
  const users = h.users(now);
  const chats = h.chats(now);
  await users.setLanguage({ id: 1, first_name: "Ann" }, "en");
  await users.touch({ id: 2, first_name: "Bo" });
  await chats.subscribe({ id: 2, type: "private" }, "en");
  await users.touch({ id: 3, first_name: "王" });
  await chats.subscribe({ id: 3, type: "private" });
  await chats.subscribe({ id: GROUP, type: "supergroup", title: "楼组" });
  await chats.setLanguage(GROUP, "en");
  await chats.subscribe({ id: QUIET_GROUP, type: "group", title: "二号楼" });
}

async function answers(service: LocaleService): Promise<Locale[]> {
  const out: Locale[] = [];
  for (const id of [1, 2, 3, 4]) {
    for (const language_code of [undefined, "zh-hans", "en-US"]) {
      const from = language_code === undefined ? { id } : { id, language_code };
      out.push(await service.forUpdate({ chat: { id, type: "private" }, from }));
      out.push(await service.forUpdate({ chat: { id: GROUP, type: "supergroup" }, from }));
      out.push(await service.forUpdate({ chat: { id: QUIET_GROUP, type: "group" }, from }));
      out.push(await service.ofSender(from));
    }
    out.push(await service.ofPerson(id), await service.ofChat(id));
  }
  out.push(await service.ofChat(GROUP), await service.ofChat(QUIET_GROUP));
  out.push(await service.forUpdate({ chat: { id: GROUP, type: "supergroup" } }), await service.forUpdate({}));
  return out;
}

describe("the PostgreSQL locale service", () => {
  const all = backends();
  const open: BackendHandle[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.dispose()));
  });

  it("answers every question as the JSON store's does", async () => {
    const json = await all["json store"]!.make();
    const pg = await all.postgres!.make();
    open.push(json, pg);
    await seed(json);
    await seed(pg);
    const expected = await answers(createLocaleService(json.store!));
    expect(expected).toContain("en");
    expect(expected).toContain("zh");
    expect(await answers(createPgLocaleService(pg.pgDb!, "test"))).toEqual(expected);
  });

  it("answers many questions asked at once with one query, each as asked alone", async () => {
    const pg = await all.postgres!.make();
    open.push(pg);
    await seed(pg);
    let queries = 0;
    const counted = pg.pgDb!.withPlugin({
      transformQuery: (a) => (queries++, a.node),
      transformResult: (a) => Promise.resolve(a.result),
    });
    const service = createPgLocaleService(counted, "test");
    const ids = [1, 2, 3, 4, GROUP, QUIET_GROUP, 1, 2];
    const alone: Locale[] = [];
    for (const id of ids) alone.push(await service.ofChat(id));
    expect(queries).toBe(ids.length);
    queries = 0;
    expect(await Promise.all(ids.map((id) => service.ofChat(id)))).toEqual(alone);
    expect(queries).toBe(1);
    expect(alone).toEqual(["en", "en", "zh", "zh", "en", "zh", "en", "en"]);
  });
});
