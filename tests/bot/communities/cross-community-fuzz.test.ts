/**
 * Cross-community fuzz: two communities sharing one bot, random sequences (a seeded PRNG) of their
 * residents and staff doing /start <slug>, questions, /progress, sign-up presses, /record, /broadcast
 * with its Confirm, /export, and attempts to take over the other community's group. Nothing sent to
 * a chat of one community (messages, edits, CSV files) carries the other's people or broadcasts;
 * each broadcast reaches exactly its own community's subscribers; each community's figures are its
 * seed plus its own records.
 */
import type { Message, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { signupKeyboard } from "../../../src/domain/signups/buttons.js";
import { callbackQuery, command, makeGroup, makeUser, privateMessage } from "../../../tools/fake-bot-api/index.js";
import { seededRandom } from "../../helpers/e2e-store.js";
import { callContent, createCommunitiesHarness, type CommunitiesHarness } from "../../helpers/communities-harness.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";

const NOW = new Date("2026-11-10T11:00:00.000Z"); // the evening before pest control (sign-ups open)
const PEST = "pest-control:2026-11-11";
const STEPS = Number(process.env.FUZZ_STEPS ?? 100);
const SEEDS = (process.env.FUZZ_SEED ?? "20261206,7").split(",").map(Number);

interface Side {
  slug: "a" | "b";
  /** a marker in every name and broadcast of this community: the other side's chats must never see it */
  mark: string;
  seed: number;
  staff: User;
  residents: User[];
  group: ReturnType<typeof makeGroup>;
  broadcasts: string[];
  recorded: number;
}

function side(slug: "a" | "b", base: number, seed: number): Side {
  const mark = slug === "a" ? "ZQA" : "ZQB";
  return {
    slug, mark, seed,
    staff: makeUser(base + 1, { first_name: `主任${mark}`, language_code: "zh" }),
    residents: Array.from({ length: 4 }, (_, i) => makeUser(base + 100 + i, { first_name: `居民${mark}${i}`, language_code: i % 2 ? "en" : "zh" })),
    group: makeGroup(-(base + 500), `楼${mark}`),
    broadcasts: [], recorded: 0,
  };
}

const chatsOf = (s: Side): number[] => [s.staff.id, ...s.residents.map((r) => r.id), s.group.id];

describe("two communities on one bot: nothing crosses", () => {
  const pg = usePgCluster();
  let h: CommunitiesHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: ${STEPS} random steps`, { timeout: 180_000 }, async () => {
      const A = side("a", 1000, 300);
      const B = side("b", 2000, 777);
      const x = (h = await createCommunitiesHarness(await pg.freshDatabase(), NOW, {
        a: { admins: [A.staff.id] },
        b: { garbageSeed: 777, admins: [B.staff.id] },
      }));
      const random = seededRandom(seed);
      const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
      const idle = () => Promise.all(x.units.apps.map((app) => app.sender.idle()));
      const reminders = new Map<number, Message>();

      for (const s of [A, B]) {
        for (const who of [s.staff, ...s.residents]) await x.send(command(who, "/start", s.slug));
        await x.send(command(s.staff, "/start", s.slug, s.group));
        for (const r of s.residents) reminders.set(r.id, await x.units.entry.api.sendMessage(r.id, "【除四害】明天 09:00", { reply_markup: signupKeyboard(PEST) }));
      }

      const steps: ((s: Side, other: Side) => Promise<void>)[] = [
        async (s) => void (await x.send(privateMessage(pickOf(s.residents), pickOf(["知晓率是多少？", "how much garbage was cleared?", "下次卫生日是哪天"])))),
        async (s) => void (await x.send(command(pickOf([...s.residents, s.staff]), "/progress"))),
        async (s) => {
          const r = pickOf(s.residents);
          await x.send(callbackQuery(r, `su:${random() < 0.7 ? "j" : "c"}:${PEST}`, reminders.get(r.id)!));
        },
        async (s) => {
          const n = 1 + Math.floor(random() * 9);
          await x.send(command(s.staff, "/record", `清运垃圾 ${n}车`));
          if (x.contents(s.staff.id).at(-1)?.includes("已记录")) s.recorded += n;
        },
        async (s) => {
          const text = `通知${s.mark}-${s.broadcasts.length}`;
          await x.send(command(s.staff, "/broadcast", text));
          const preview = [...x.rec.sentMessages(s.staff.id)].reverse().find((m) => m.reply_markup !== undefined && m.text?.includes(text));
          const ok = preview?.reply_markup?.inline_keyboard[0]?.[0] as { callback_data: string } | undefined;
          expect(ok, `the preview of ${text}`).toBeDefined();
          await x.send(callbackQuery(s.staff, ok!.callback_data, preview!));
          s.broadcasts.push(text);
          await idle();
        },
        async (s) => void (await x.send(command(s.staff, "/export"))),
        // someone of the other community tries to take this community's group over
        async (s, other) => void (await x.send(command(pickOf([other.staff, ...other.residents]), "/start", other.slug, s.group))),
      ];
      for (let i = 0; i < STEPS; i++) {
        x.clock.now = new Date(NOW.getTime() + i * 5_000);
        const [s, other] = random() < 0.5 ? [A, B] : [B, A];
        await pickOf(steps)(s, other);
      }
      await idle();
      await x.send(command(A.staff, "/progress"));
      await x.send(command(B.staff, "/progress"));

      for (const [s, other] of [[A, B], [B, A]] as const) {
        for (const chat of chatsOf(s)) {
          for (const content of x.contents(chat)) expect(content, `chat ${chat} of ${s.slug}`).not.toContain(other.mark);
        }
        // each broadcast reached every subscriber of its community once, and nobody else
        for (const text of s.broadcasts) {
          const to = x.rec.calls.filter((c) => c.method === "sendMessage" && callContent(c).includes(text) && !c.params.reply_markup).map((c) => Number(c.params.chat_id));
          expect(to.sort(), text).toEqual(chatsOf(s).sort());
        }
        const garbage = `清运垃圾：${s.seed + s.recorded}/350 车`;
        expect(x.contents(s.staff.id).slice(-3).join("\n")).toContain(garbage); // the text, then the chart
      }
      // every call into a chat was into one of the two communities' chats
      const known = new Set([...chatsOf(A), ...chatsOf(B)]);
      expect(x.rec.calls.filter((c) => c.params.chat_id !== undefined && !known.has(Number(c.params.chat_id)))).toEqual([]);
      const kinds = new Set<string>(x.rec.calls.map((c) => c.method));
      expect(kinds.has("sendDocument") || STEPS < 30).toBe(true);
    });
  }
});
