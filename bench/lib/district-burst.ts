/**
 * A sign-up burst through one and through two instances (createApp on a pool each, one database):
 * presses of "报名" by different residents on a group's announcement of an event with a capacity,
 * 40 in flight in all (Telegram opens at most 40 connections to a webhook; with two instances the
 * load balancer gives each half). Each run has its own event, so both do the same work: `capacity`
 * confirmed, the rest waitlisted, every decision under the occurrence's row lock. Checked after:
 * exactly `capacity` confirmed and everyone else waiting.
 */
import type { Message } from "grammy/types";
import type { BenchRow } from "../run.js";
import { pgRepositories } from "../../src/app-repos-pg.js";
import { signupCallbackData, signupKeyboard } from "../../src/domain/signups/buttons.js";
import { occurrenceId } from "../../src/domain/signups/events.js";
import { createPgDatabase } from "../../src/store/postgres/database.js";
import { callbackQuery, makeGroup, makeUser } from "../../tools/fake-bot-api/index.js";
import { districtConfig, openInstance, quantile, timedPool, type DistrictInstance } from "./district-app.js";
import { FIRST_ID } from "./district-seed.js";

const IN_FLIGHT = 40;
const GROUP = -100_555;

interface BurstRun {
  ms: number;
  p95: number;
  confirmed: number;
  waiting: number;
}

async function createEvents(url: string, community: string, capacity: number): Promise<string[]> {
  const db = createPgDatabase(url, { max: 2 });
  try {
    const repos = await pgRepositories(db, community)(districtConfig(community), () => new Date());
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const ids: string[] = [];
    for (const title of ["Burst, one instance", "Burst, two instances"]) {
      const ev = await repos.notices.createEvent({ date: day, time: "09:00", title, text: { zh: "植树", en: "Tree planting" }, capacity });
      const occ = occurrenceId(ev.id, day);
      ids.push(occ);
    }
    return ids;
  } finally {
    await db.destroy();
  }
}

async function burst(instances: DistrictInstance[], occ: string, presses: number, firstUser: number): Promise<BurstRun> {
  const announcements: Message[] = [];
  for (const inst of instances) {
    const m = await inst.app.bot.api.sendMessage(GROUP, "【植树】", { reply_markup: signupKeyboard(occ) });
    announcements.push(m as Message);
  }
  const data = signupCallbackData("join", occ);
  const per = IN_FLIGHT / instances.length;
  const t0 = performance.now();
  const latencies = (await Promise.all(instances.map((inst, n) =>
    timedPool(Math.ceil((presses - n) / instances.length), per, (i) =>
      inst.send(callbackQuery(makeUser(firstUser + i * instances.length + n), data, announcements[n]!)))))).flat();
  const ms = performance.now() - t0;
  const db = instances[0]!.db;
  const rows = await db.selectFrom("roster").select(["status"]).select((eb) => eb.fn.countAll<number>().as("n"))
    .where("occurrence_id", "=", occ).groupBy("status").execute();
  const count = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { ms, p95: quantile(latencies, 0.95), confirmed: count("c"), waiting: count("w") };
}

export async function runBurst(url: string, community: string, subscribers: number, presses: number, capacity: number): Promise<BenchRow[]> {
  const [oneOcc, twoOcc] = await createEvents(url, community, capacity);
  const open = (first: number) => openInstance({ url, community, firstUpdateId: first });
  const a = await open(10_000_000);
  const b = await open(20_000_000);
  try {
    for (const inst of [a, b]) {
      inst.rec.observeUpdate({ update_id: 0, message: { message_id: 1, date: 0, chat: makeGroup(GROUP), text: "hi" } } as never);
      inst.app.sender.start();
    }
    // the residents: half way into the subscribers, so the two runs press with different ones
    const base = FIRST_ID + Math.floor(subscribers / 2) - presses;
    const one = await burst([a], oneOcc!, presses, base);
    const two = await burst([a, b], twoOcc!, presses, base + presses);
    const ok = (r: BurstRun) => r.confirmed === Math.min(capacity, presses) && r.waiting === presses - r.confirmed;
    const note = (r: BurstRun) => `${presses.toLocaleString("en")} presses, ${IN_FLIGHT} in flight; ${r.confirmed} confirmed + ${r.waiting} waiting (capacity ${capacity})${ok(r) ? "" : " WRONG"}`;
    return [
      { metric: "sign-up burst, one instance", value: one.ms, unit: "ms", ok: ok(one), note: `${note(one)}; p95 ${one.p95.toFixed(0)} ms` },
      { metric: "sign-up burst, two instances", value: two.ms, unit: "ms", ok: ok(two), note: `${note(two)}; p95 ${two.p95.toFixed(0)} ms` },
      { metric: "sign-up burst, two ÷ one", value: two.ms / one.ms, unit: "×", goal: { max: 1 }, note: "no slower on two" },
    ];
  } finally {
    await a.close();
    await b.close();
  }
}
