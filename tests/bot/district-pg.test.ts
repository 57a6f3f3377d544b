/**
 * /district through the whole app (createApp) on PostgreSQL: an instance of one community answers a
 * district official with every community in the database summed, the awareness rate pooled.
 */
import type { Update } from "grammy/types";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { pgRepositories } from "../../src/app-repos-pg.js";
import { parseConfig } from "../../src/config.js";
import { command, createRecordingApi, createRecordingFetch, makeUser, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { usePgCluster, usePgPools } from "../helpers/pg-cluster.js";

const NOW = new Date("2026-11-25T04:00:00Z");
const OFFICIAL = 700;

describe("/district on PostgreSQL", () => {
  const pg = usePgCluster();
  const pools = usePgPools(pg);

  it("sums every community in the database, the rate pooled over everyone surveyed", async () => {
    const [db] = await pools(1);
    const config = parseConfig({ BOT_TOKEN: "123:TEST", DATA_DIR: "data", ADMIN_IDS: "1", DISTRICT_IDS: String(OFFICIAL), COMMUNITY: "lianhua" });
    // another community's instance: seeded from the same data, then 1,000 more surveyed, 100 aware
    const north = await pgRepositories(db!, "north")(config, () => NOW);
    await north.campaignRepo.record(9, { metricId: "awareness_rate", amount: 1000, aware: 100 });
    const rec = createRecordingApi();
    const app = await createApp({ config, repositories: pgRepositories(db!, "lianhua"), log: pino({ level: "silent" }), now: () => NOW, fetch: createRecordingFetch(rec) });
    app.bot.botInfo = rec.botInfo;
    let id = 1;
    const send = (u: UpdateInput) => app.bot.handleUpdate({ update_id: id++, ...u } as Update);
    const replies = (chatId: number) => rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === chatId).map((c) => String(c.params.text));
    try {
      const official = makeUser(OFFICIAL, { language_code: "en" });
      await send(command(official, "/district"));
      const overview = replies(OFFICIAL).join("\n");
      expect(overview).toContain("District · 2 communities ·");
      expect(overview).toContain("Garbage cleared: 600/700 truckloads · 86%");
      // (4,700 + 4,800) / (5,000 + 6,000) = 86.4%; the mean of 94% and 80% would be 87%
      expect(overview).toContain("Campaign awareness rate: 86.4% (target 95%)");
      await send(command(official, "/district", "awareness"));
      const detail = replies(OFFICIAL).at(-1) ?? "";
      expect(detail).toContain("Liuhe Community: 94% (4,700/5,000 aware, target 95%)");
      expect(detail).toContain("north: 80% (4,800/6,000 aware, target 95%)");
      await send(command(makeUser(1, { language_code: "en" }), "/district"));
      expect(replies(1)).toEqual(["Sorry, this command is for district officials only."]);
    } finally {
      app.stopFeatures();
    }
  }, 60_000);
});
