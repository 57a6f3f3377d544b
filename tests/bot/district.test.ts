/**
 * /district through the real bot (bot.handleUpdate, every Bot API call recorded): a district
 * official gets every community's figures summed, with rates pooled; residents and staff are refused.
 */
import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { createDistrictFeature } from "../../src/bot/features/district.js";
import { createI18n } from "../../src/bot/i18n.js";
import { apply, createAggregates, type CommunityFigures, type ProgressRecord } from "../../src/domain/campaign/index.js";
import { loadCampaign, type LoadedCampaign } from "../../src/store/campaign-catalog.js";
import { openStore } from "../../src/store/engine/store.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";
import { command, createRecordingApi, makeGroup, makeUser } from "../../tools/fake-bot-api/index.js";
import { createAppHarness, type AppHarness } from "./app-harness.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const NOW = new Date("2026-11-25T04:00:00Z");
const TZ = "Asia/Shanghai";
const ADMIN = 1;
const OFFICIAL = 700;

describe("/district in the whole app (the JSON store: one community)", () => {
  let h: AppHarness;
  afterEach(() => h.close());

  it("answers a district official with the community's figures, refuses residents and staff", async () => {
    h = await createAppHarness(NOW, String(ADMIN), { DISTRICT_IDS: String(OFFICIAL) });
    const official = makeUser(OFFICIAL, { language_code: "en" });
    await h.send(command(makeUser(ADMIN), "/record", "garbage 12"));
    await h.send(command(official, "/district"));
    const [overview] = h.replies(OFFICIAL);
    expect(overview).toContain("District · 1 community ·");
    expect(overview).toContain("Garbage cleared: 312/350 truckloads · 89%");
    expect(overview).toContain("Campaign awareness rate: 94% (target 95%)");
    await h.send(command(official, "/district", "awareness"));
    expect(h.replies(OFFICIAL).join("\n")).toContain("Liuhe Community: 94% (4,700/5,000 aware, target 95%)");
    await h.send(command(official, "/district", "no such thing"));
    expect(h.replies(OFFICIAL).join("\n")).toContain("I don't know that metric.");

    await h.send(command(makeUser(5, { language_code: "en" }), "/district"));
    expect(h.replies(5)).toEqual(["Sorry, this command is for district officials only."]);
    await h.send(command(makeUser(ADMIN), "/district")); // staff (an admin) is not the district
    expect(h.replies(ADMIN).at(-1)).toBe("抱歉，这个命令只有区（街道）负责人可以使用。");
    await h.send(command(official, "/help"));
    expect(h.replies(OFFICIAL).join("\n")).toContain("/district — every community's campaign figures summed");
    await h.send(command(makeUser(5, { language_code: "en" }), "/help"));
    expect(h.replies(5).join("\n")).not.toContain("/district");
    const group = makeGroup(-100);
    await h.send(command(official, "/district", undefined, group));
    expect(h.replies(-100)).toEqual(["Please use this command in a private chat with me."]);
  });

  it("puts /district in the officials' command menus only", async () => {
    h = await createAppHarness(NOW, String(ADMIN), { DISTRICT_IDS: String(OFFICIAL) });
    await h.app.menus.registerAll();
    const menus = h.rec.calls.filter((c) => c.method === "setMyCommands");
    const names = (chatId: number | undefined) =>
      menus.filter((c) => (c.params.scope as { chat_id?: number } | undefined)?.chat_id === chatId).flatMap((c) => (c.params.commands as { command: string }[]).map((x) => x.command));
    expect(names(OFFICIAL)).toContain("district");
    expect(names(OFFICIAL)).not.toContain("record");
    expect(names(ADMIN)).not.toContain("district");
    expect(names(undefined)).not.toContain("district");
  });
});

describe("/district over several communities", () => {
  let loaded: LoadedCampaign;
  let dir: string | undefined;
  beforeAll(async () => {
    loaded = await loadCampaign("data");
  });
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  let n = 0;
  const figures = (slug: string, records: Omit<ProgressRecord, "id" | "at" | "by" | "source">[]): CommunityFigures => {
    const aggregates = createAggregates(loaded.campaign, TZ);
    for (const r of records) apply(aggregates, { ...r, id: `r${++n}`, at: NOW.toISOString(), by: 1, source: "staff" });
    return { slug, aggregates, targets: loaded.defaultTargets };
  };

  it("sums every community, the awareness rate pooled (190 of 500 aware: 38%, not 57.5%)", async () => {
    dir = await mkdtemp(join(tmpdir(), "district-bot-"));
    const store = await openStore({ file: join(dir, "db.json") });
    const communities = [
      { ...figures("liuhe", [{ metricId: "awareness_rate", amount: 100, aware: 90 }, { metricId: "garbage_cleared", amount: 300 }]), name: { zh: "柳河社区", en: "Liuhe" } },
      figures("gaofeng", [{ metricId: "awareness_rate", amount: 400, aware: 100 }, { metricId: "garbage_cleared", amount: 50 }]),
    ];
    const rec = createRecordingApi();
    const bot = createBot({
      token: "123:TEST", botInfo: rec.botInfo, i18n: createI18n("locales"), transformers: [rec.transformer],
      deps: { ...createPeopleRepos(store, () => NOW), log: pino({ level: "silent" }), now: () => NOW, adminIds: [ADMIN], districtIds: [OFFICIAL], timezone: TZ },
      features: [createDistrictFeature({ repo: { communities: async () => communities }, campaign: loaded.campaign })],
    });
    let id = 1;
    const send = (u: ReturnType<typeof command>) => bot.handleUpdate({ update_id: id++, ...u } as Update);
    await send(command(makeUser(OFFICIAL), "/district"));
    const overview = rec.sentMessages(OFFICIAL).map((m) => m.text).join("\n");
    expect(overview).toContain("共 2 个社区");
    expect(overview).toContain("清运垃圾：350/700 车 · 50%");
    expect(overview).toContain("创建知晓率：38%");
    await send(command(makeUser(OFFICIAL), "/district", "知晓率"));
    const detail = rec.sentMessages(OFFICIAL).at(-1)?.text ?? "";
    expect(detail).toContain("柳河社区：90%（知晓 90/100");
    expect(detail).toContain("gaofeng：25%（知晓 100/400");
    expect(detail).toContain("共调查 500 份，其中知晓 190 份");
    await send(command(makeUser(8), "/district"));
    expect(rec.sentMessages(8).map((m) => m.text)).toEqual(["抱歉，这个命令只有区（街道）负责人可以使用。"]);
    await store.close();
  });
});
