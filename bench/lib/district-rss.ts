/**
 * Resident memory of one instance serving the seeded community: the real process (`node --import
 * tsx src/main.ts`, as `npm start` runs it) in webhook mode with DATABASE_URL, against the fake Bot
 * API, so the figure holds the bot alone (not this process's seeding or in-process instances). It is
 * the only instance, so it leads (scheduler, sender). Residents' updates are posted to its webhook
 * (/start, /progress, questions, /mysignups), 20 in flight; its RSS is read from /proc while it
 * starts, idles and serves, and the kernel's high-water mark (VmHWM) is the peak.
 */
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchRow } from "../run.js";
import { command, createFakeBotApi, makeUser, privateMessage } from "../../tools/fake-bot-api/index.js";
import { instanceEnv, startInstance, updateMaker } from "../../tests/helpers/pg-instances.js";
import { killAll } from "../../tests/helpers/process.js";
import { TOKEN } from "../../tests/helpers/e2e-store.js";
import { quantile, timedPool } from "./district-app.js";
import { FIRST_ID } from "./district-seed.js";

const GOAL_MB = 300;

/** VmRSS and VmHWM of a process, in MB. */
async function memOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

export async function runRss(url: string, community: string, subscribers: number, updates: number): Promise<BenchRow[]> {
  const api = createFakeBotApi({ token: TOKEN });
  await api.start();
  const dir = await mkdtemp(join(tmpdir(), "district-rss-"));
  const inst = await startInstance(instanceEnv(api, url, { COMMUNITY: community }), dir, 120_000).catch(async (err: unknown) => {
    await killAll(); // a process that never got ready is still running
    await api.stop();
    throw err;
  });
  const pid = inst.bot.child.pid!;
  let peakSampled = 0;
  const sampler = setInterval(() => void memOf(pid).then((m) => (peakSampled = Math.max(peakSampled, m.rss)), () => undefined), 100);
  try {
    const started = await memOf(pid);
    await new Promise((r) => setTimeout(r, 5_000)); // the leader's first rounds: scheduler, sender, menus
    const idle = await memOf(pid);
    const update = updateMaker(api, 90_000_000);
    const texts = ["/start", "/progress", "知晓率是多少？", "/mysignups", "清运垃圾多少车了"];
    const ms = await timedPool(updates, 20, async (i) => {
      const k = (i * 7_919) % subscribers;
      const user = makeUser(FIRST_ID + k, { first_name: `居民${k}`, language_code: k % 10 === 0 ? "en" : "zh" });
      const text = texts[i % texts.length]!;
      const status = await inst.post(update(text.startsWith("/") ? command(user, text) : privateMessage(user, text)));
      if (status !== 200) throw new Error(`webhook answered ${status}`);
    });
    // the webhook answers before handling (the inbox): wait for every reply
    const replies = () => api.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) >= FIRST_ID).length;
    const end = Date.now() + 120_000;
    while (replies() < updates && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const served = await memOf(pid);
    const note = `${subscribers.toLocaleString("en")} subscribers in the database`;
    return [
      { metric: "instance RSS after start", value: started.rss, unit: "MB", goal: { max: GOAL_MB }, note },
      { metric: "instance RSS idle (5 s, leading)", value: idle.rss, unit: "MB", goal: { max: GOAL_MB } },
      { metric: "instance RSS after serving", value: served.rss, unit: "MB", goal: { max: GOAL_MB }, note: `${updates} webhook updates (${texts.join(", ")}), 20 in flight; webhook answer p95 ${quantile(ms, 0.95).toFixed(0)} ms, ${replies()} replies` },
      { metric: "instance peak RSS (VmHWM)", value: Math.max(served.hwm, peakSampled), unit: "MB", goal: { max: GOAL_MB }, note: "start to end, kernel high-water mark" },
    ];
  } finally {
    clearInterval(sampler);
    inst.bot.kill("SIGTERM");
    await inst.bot.waitForExit(20_000).catch(() => inst.bot.kill("SIGKILL"));
    await api.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
