import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DROP, errors } from "../../tools/fake-bot-api/index.js";
import { createWorld, enqueue, manualClock, range, WAIT, type World } from "./setup.js";

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const sendsTo = (world: World, chatId: number) => world.rec.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId);

describe("sender", () => {
  it("delivers every recipient once, in HTML, in its language, and finishes the broadcast", async () => {
    const ids = range(1000, 50);
    w = await createWorld(ids);
    await w.store.write((db) => {
      db.chats["1001"]!.lang = "en";
    }, "durable");
    const id = await enqueue(w, { recipients: ids });
    await w.sender.idle();
    for (const chat of ids) expect(w.delivered(chat)).toBe(1);
    expect(sendsTo(w, 1000)[0]?.params).toMatchObject({ parse_mode: "HTML", text: "<b>通知</b> 周六卫生日" });
    expect(sendsTo(w, 1001)[0]?.params).toMatchObject({ text: "<b>Notice</b> cleanup Saturday" });
    const b = w.store.data.broadcasts[id]!;
    expect(b.status).toBe("done");
    expect(b.finishedAt).toBe("2026-11-20T02:00:00.000Z");
    expect(Object.values(b.recipients).every((r) => r.s === "s" && r.mid === undefined)).toBe(true);
    expect(w.sender.stats()).toMatchObject({ sent: 50, failed: 0, blocked: 0, active: 0, inFlight: 0, unsaved: 0 });
  });

  it("on 429 pauses everything for retry_after, then delivers all exactly once", async () => {
    const ids = range(2000, 20);
    const clock = manualClock();
    w = await createWorld(ids, { sender: { clock: clock.now } });
    const world = w;
    w.rec.failNext("sendMessage", errors.tooManyRequests(1));
    await enqueue(w, { recipients: ids });
    await vi.waitFor(() => expect([world.sender.stats().rateLimited, world.sender.stats().inFlight]).toEqual([1, 0]), WAIT);
    // paused on the sender's clock: a wake sends nothing until retry_after has passed
    w.sender.kick();
    expect(w.sender.stats().inFlight).toBe(0);
    const calls = w.rec.calls.filter((c) => c.method === "sendMessage");
    const limited = calls.findIndex((c) => "ok" in c.response && !c.response.ok);
    expect(limited).toBeGreaterThanOrEqual(0);
    // at most the requests already in flight went out after the 429 (concurrency 4)
    expect(calls.length - limited - 1).toBeLessThanOrEqual(3);
    expect(w.delivered()).toBeLessThan(20);
    clock.advance(1_100);
    w.sender.kick();
    await w.sender.idle();
    for (const chat of ids) expect(w.delivered(chat)).toBe(1);
    expect(w.sender.stats().rateLimited).toBe(1);
  });

  it("on 403 marks the recipient blocked and the chat inactive, and never sends there again", async () => {
    const ids = range(3000, 10);
    w = await createWorld(ids);
    w.rec.blockChat(3004);
    const first = await enqueue(w, { recipients: ids });
    await w.sender.idle();
    expect(w.store.data.broadcasts[first]!.recipients["3004"]).toEqual({ s: "b", err: "Forbidden: bot was blocked by the user" });
    expect(w.store.data.chats["3004"]).toMatchObject({ active: false, inactiveReason: "Forbidden: bot was blocked by the user" });
    const second = await enqueue(w, { recipients: ids });
    await w.sender.idle();
    expect(sendsTo(w, 3004)).toHaveLength(1);
    expect(w.store.data.broadcasts[second]!.recipients["3004"]!.s).toBe("b");
    expect(w.delivered()).toBe(18);
  });

  it("follows a group that became a supergroup: moves the subscription and delivers there once", async () => {
    const group = -4000;
    const supergroup = -1_000_000_004_000;
    w = await createWorld([group, 4001]);
    w.rec.migrateChat(group, supergroup);
    const id = await enqueue(w, { recipients: [group, 4001], occurrenceId: "cleanup-day:2026-11-28" });
    await w.sender.idle();
    expect(sendsTo(w, group)).toHaveLength(1);
    expect(w.delivered(supergroup)).toBe(1);
    expect(w.store.data.chats[String(group)]).toBeUndefined();
    expect(w.store.data.chats[String(supergroup)]).toMatchObject({ subscribed: true, active: true, type: "supergroup" });
    const recipients = w.store.data.broadcasts[id]!.recipients;
    expect(recipients[String(group)]).toBeUndefined();
    expect(recipients[String(supergroup)]).toEqual({ s: "s", mid: 1 }); // a group message with sign-ups keeps its id
    expect(w.store.data.broadcasts[id]!.status).toBe("done");
  });

  it("a group whose supergroup is a recipient already gets one message, and the progress total counts it once", async () => {
    const group = -4100;
    const supergroup = -1_000_000_004_100;
    const staff = 81;
    // more groups after it (negative ids keep their order in the store; positive ones would go first)
    const people = range(-4206, 6);
    // slow enough answers that the progress message is edited while it runs
    w = await createWorld([group, supergroup, ...people], { api: { latencyMs: 30 }, sender: { progressEveryMs: 10, rate: { perSecond: 1000, groupPerMinute: 20, concurrency: 1 } } });
    w.rec.migrateChat(group, supergroup);
    const id = await enqueue(w, { recipients: [group, supergroup, ...people], progress: { chatId: staff, lang: "en" } });
    await w.sender.idle();
    expect(w.delivered(supergroup)).toBe(1);
    expect(w.delivered(group)).toBe(0);
    for (const person of people) expect(w.delivered(person)).toBe(1);
    const world = w;
    await vi.waitFor(() => expect(world.store.data.broadcasts[id]?.progress?.summaryPending).toBeUndefined());
    const texts = w.rec.calls.filter((c) => Number(c.params.chat_id) === staff).map((c) => String(c.params.text));
    // 8 recipient ids at first; once the group is found to be the supergroup, 7, to the end
    const progress = texts.slice(0, -1);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatch(/^📤 Sending: \d+ \/ 7\n/);
    const firstSeven = progress.findIndex((t) => / \/ 7\n/.test(t));
    expect(progress.slice(firstSeven).every((t) => / \/ 7\n/.test(t))).toBe(true);
    expect(texts.at(-1)).toMatch(/^✅ Sent: 7 \/ 7 delivered/);
  });

  it("records other 400s as failed with the reason, without retrying", async () => {
    w = await createWorld([5000, 5001]);
    w.rec.behaviour = (_m, p) => (Number(p.chat_id) === 5001 ? errors.chatNotFound() : undefined);
    const id = await enqueue(w, { recipients: [5000, 5001] });
    await w.sender.idle();
    expect(w.store.data.broadcasts[id]!.recipients["5001"]).toEqual({ s: "f", err: "Bad Request: chat not found" });
    expect(sendsTo(w, 5001)).toHaveLength(1);
    expect(w.delivered(5000)).toBe(1);
  });

  it("retries a dropped connection and a 502, delivering once", async () => {
    const ids = range(6000, 8);
    w = await createWorld(ids);
    w.rec.failNext("sendMessage", DROP);
    w.rec.failNext("sendMessage", errors.badGateway());
    await enqueue(w, { recipients: ids });
    await w.sender.idle();
    for (const chat of ids) expect(w.delivered(chat)).toBe(1);
    expect(w.sender.stats()).toMatchObject({ sent: 8, failed: 0, retried: 1 });
  }, 15_000);

  it("gives up after maxAttempts network errors and records the failure", async () => {
    w = await createWorld([7000], { sender: { maxAttempts: 3 } });
    w.rec.failNext("sendMessage", DROP, 5);
    const id = await enqueue(w, { recipients: [7000] });
    await w.sender.idle();
    expect(w.store.data.broadcasts[id]!.recipients["7000"]).toMatchObject({ s: "f" });
    expect(sendsTo(w, 7000)).toHaveLength(3);
  });

  it("skips inactive and unsubscribed chats, but not for personal messages", async () => {
    w = await createWorld([8000, 8001, 8002]);
    await w.store.write((db) => {
      db.chats["8001"]!.active = false;
      db.chats["8002"]!.subscribed = false;
    }, "durable");
    const notice = await enqueue(w, { recipients: [8000, 8001, 8002] });
    const personal = await enqueue(w, { kind: "personal", recipients: [8002] });
    await w.sender.idle();
    // once done, the delivered are dropped and counted; the skipped stay with their reasons
    expect(w.store.data.broadcasts[notice]!.recipients).toEqual({ "8001": { s: "b", err: "inactive" }, "8002": { s: "b", err: "unsubscribed" } });
    expect(w.store.data.broadcasts[notice]!.counts).toEqual({ total: 3, sent: 1, failed: 0, blocked: 2 });
    expect(w.store.data.broadcasts[personal]!.counts).toEqual({ total: 1, sent: 1, failed: 0, blocked: 0 });
    expect(w.delivered()).toBe(2);
  });

  it("splits a long text at paragraphs and puts the buttons on the last part", async () => {
    const paragraph = "清扫楼道，".repeat(100); // 500 characters
    const text = Array.from({ length: 12 }, () => paragraph).join("\n\n");
    w = await createWorld([-9000], {
      sender: { keyboardFor: (occ, locale) => ({ inline_keyboard: [[{ text: locale === "zh" ? "我要报名" : "Join", callback_data: `s:${occ}` }]] }) },
    });
    const id = await enqueue(w, { recipients: [-9000], text: { zh: text, en: text }, occurrenceId: "cleanup-day:2026-11-28" });
    await w.sender.idle();
    const parts = sendsTo(w, -9000);
    expect(parts.length).toBe(2);
    expect(parts.every((p) => String(p.params.text).length < 4096)).toBe(true);
    expect(parts.map((p) => String(p.params.text)).join("\n\n")).toBe(text);
    expect(parts[0]!.params.reply_markup).toBeUndefined();
    expect(parts[1]!.params.reply_markup).toEqual({ inline_keyboard: [[{ text: "我要报名", callback_data: "s:cleanup-day:2026-11-28" }]] });
    expect(w.store.data.broadcasts[id]!.recipients["-9000"]).toEqual({ s: "s", mid: 2 });
  });

  it("calls onSent with the last message and onFinished once", async () => {
    const seen: string[] = [];
    w = await createWorld([-100, 101], {
      sender: {
        onSent: (b, chatId, m) => seen.push(`${b.id}:${chatId}:${m.message_id}`),
        onFinished: (b) => seen.push(`done:${b.id}:${b.status}`),
      },
    });
    const id = await enqueue(w, { recipients: [-100, 101] });
    await w.sender.idle();
    expect(seen.sort()).toEqual([`${id}:-100:1`, `${id}:101:1`, `done:${id}:done`].sort());
  });

  it("edits one progress message every few seconds and turns it into the summary", async () => {
    const staff = 77;
    const ids = range(10_000, 40);
    w = await createWorld(ids, { api: { latencyMs: 15 }, sender: { progressEveryMs: 100, rate: { perSecond: 1000, groupPerMinute: 20, concurrency: 2 } } });
    w.rec.blockChat(10_005);
    await enqueue(w, { recipients: ids, progress: { chatId: staff, lang: "en" } });
    await w.sender.idle();
    // the summary edit is sent after the broadcast is done, and clears the pending flag once shown
    const world = w;
    await vi.waitFor(() => expect(Object.values(world.store.data.broadcasts)[0]?.progress?.summaryPending).toBeUndefined(), WAIT);
    const toStaff = w.rec.calls.filter((c) => Number(c.params.chat_id) === staff);
    expect(toStaff[0]?.method).toBe("sendMessage");
    expect(toStaff.filter((c) => c.method === "sendMessage")).toHaveLength(1);
    const edits = toStaff.filter((c) => c.method === "editMessageText");
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(toStaff.every((c) => "ok" in c.response && c.response.ok)).toBe(true); // never "not modified"
    expect(String(edits.at(-2)?.params.text)).toMatch(/^📤 Sending: \d+ \/ 40\n⚠️ failed 0 · 🚫 blocked [01]\n⏳ about .+ left$/);
    expect(String(edits.at(-1)?.params.text)).toMatch(/^✅ Sent: 39 \/ 40 delivered\n⚠️ failed 0 · 🚫 blocked 1\n⏱ took \d+ s$/);
    const b = Object.values(w.store.data.broadcasts)[0]!;
    expect(b.progress?.messageId).toBe(toStaff[0]!.response && (toStaff[0]!.response as { result: { message_id: number } }).result.message_id);
  });

  it("the summary is saved as pending with \"done\" and cleared once shown", async () => {
    const staff = 78;
    w = await createWorld(range(11_000, 5), { sender: { progressEveryMs: 50 } });
    const id = await enqueue(w, { recipients: range(11_000, 5), progress: { chatId: staff, lang: "en" } });
    await w.sender.idle();
    const world = w;
    await vi.waitFor(() => expect(world.store.data.broadcasts[id]?.progress?.summaryPending).toBeUndefined());
    expect(w.store.data.broadcasts[id]?.status).toBe("done");
    const last = w.rec.calls.filter((c) => Number(c.params.chat_id) === staff).at(-1);
    expect(String(last?.params.text)).toMatch(/^✅ Sent: 5 \/ 5 delivered/);
  });

  it("a summary not shown before a stop (or a crash) is shown at the next start, once", async () => {
    const staff = 79;
    const dir = await mkdtemp(join(tmpdir(), "sender-summary-"));
    try {
      // the summary's edit cannot get through: the broadcast is done, its summary still pending
      const summary = (params: Record<string, unknown>) => Number(params.chat_id) === staff && String(params.text).startsWith("✅");
      const first = await createWorld(range(12_000, 3), { dir, api: { behaviour: (_method, params) => (summary(params) ? DROP : undefined) } });
      const id = await enqueue(first, { recipients: range(12_000, 3), progress: { chatId: staff, lang: "en" } });
      await first.sender.idle();
      await vi.waitFor(() => expect(first.rec.calls.filter((c) => summary(c.params))).toHaveLength(1), WAIT); // the summary was tried (and dropped)
      expect(first.store.data.broadcasts[id]?.status).toBe("done");
      expect(first.store.data.broadcasts[id]?.progress?.summaryPending).toBe(true);
      await first.close();

      const tried = first.rec.calls.filter((c) => summary(c.params));
      expect(tried).toHaveLength(1); // dropped: not retried now (the sender is not stuck on it)

      // the next start shows it (as that same call: a new message, or an edit of the progress
      // message), clears the flag, and does nothing more
      w = await createWorld([], { dir });
      w.sender.start();
      const world = w;
      await vi.waitFor(() => expect(world.store.data.broadcasts[id]?.progress?.summaryPending).toBeUndefined());
      const toStaff = w.rec.calls.filter((c) => Number(c.params.chat_id) === staff);
      expect(toStaff.map((c) => c.method)).toEqual([tried[0]?.method]);
      expect(String(toStaff[0]?.params.text)).toMatch(/^✅ Sent: 3 \/ 3 delivered/);
      w.sender.kick();
      await w.sender.idle();
      expect(w.rec.calls.filter((c) => Number(c.params.chat_id) === staff)).toHaveLength(1);
    } finally {
      await w?.close();
      w = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps a group at its per-minute limit without holding up private chats", async () => {
    const clock = manualClock();
    w = await createWorld([-500, ...range(500, 10)], { sender: { clock: clock.now, rate: { perSecond: 1000, groupPerMinute: 2, concurrency: 2 } } });
    const long = Array.from({ length: 3 }, () => "段落".repeat(2000)).join("\n\n"); // 3 parts
    await enqueue(w, { recipients: [-500], text: { zh: long, en: long } });
    await enqueue(w, { recipients: range(500, 10) });
    const world = w;
    // the private chats went ahead, and their broadcast finished (its finish is saved after the last answer)
    await vi.waitFor(() => expect([world.delivered(), world.sender.stats().active]).toEqual([12, 1]), WAIT);
    expect(sendsTo(w, -500)).toHaveLength(2); // the third part waits for the minute to pass
    clock.advance(60_500); // the group's minute has passed (on the sender's clock; no real wait)
    w.sender.kick();
    await w.sender.idle();
    expect(sendsTo(w, -500)).toHaveLength(3); // and then it goes
  });

  it("runs others' calls (live-count edits) under the same limits as broadcasts: a group's minute and the overall second", async () => {
    const clock = manualClock();
    w = await createWorld([-600, ...range(600, 6)], { sender: { clock: clock.now, rate: { perSecond: 4, groupPerMinute: 2, concurrency: 4 } } });
    const world = w;
    const sends = (): number => world.rec.calls.filter((c) => c.method === "sendMessage").length;
    /** Waits until `n` messages went out and none is in flight, then checks a kick sends nothing more now. */
    const settlesAt = async (n: number): Promise<void> => {
      await vi.waitFor(() => expect([sends(), world.sender.stats().inFlight]).toEqual([n, 0]), WAIT);
      world.sender.kick(); // a send would be in flight at once if the pace allowed one
      expect(world.sender.stats().inFlight).toBe(0);
      expect(sends()).toBe(n);
    };
    const edit = (chatId: number) => world.sender.limited(chatId, async () => undefined);
    // two edits fill the group's minute; the broadcast's message to it must then wait
    await Promise.all([edit(-600), edit(-600)]);
    await enqueue(w, { recipients: [-600, ...range(600, 6)] });
    // overall: the edits and the sends together, 4 in the first second
    await settlesAt(2);
    clock.advance(1_100);
    await settlesAt(6); // 4 more in the next second: the private chats are done
    clock.advance(1_100);
    await settlesAt(6);
    expect(sendsTo(w, -600)).toHaveLength(0); // the group's minute is still used up by the edits
    clock.advance(60_000);
    w.sender.kick();
    await w.sender.idle();
    expect(sendsTo(w, -600)).toHaveLength(1);
  });

  it("a call waiting for its group's minute does not hold up other calls or sends to other chats", async () => {
    w = await createWorld([-800, ...range(800, 5)], { sender: { rate: { perSecond: 1000, groupPerMinute: 1, concurrency: 2 } } });
    await w.sender.limited(-800, async () => undefined); // the group's minute is used up
    const waiting = w.sender.limited(-800, async () => "late"); // its turn comes in a minute
    waiting.catch(() => undefined); // rejected when the world closes
    const other = w.sender.limited(801, async () => "private chat");
    await enqueue(w, { recipients: range(800, 5) });
    expect(await other).toBe("private chat");
    const world = w;
    await vi.waitFor(() => expect(world.delivered()).toBe(5), { timeout: 2000 });
  });

  it("refuses others' calls once stopping, and rejects those still waiting for a slot", async () => {
    w = await createWorld([-700], { sender: { rate: { perSecond: 1000, groupPerMinute: 1, concurrency: 2 } } });
    let ran = 0;
    await w.sender.limited(-700, async () => void ran++);
    const waiting = w.sender.limited(-700, async () => void ran++).then(() => "ran", (e: Error) => e.message);
    await w.sender.stop();
    expect(await waiting).toBe("the sender is stopping");
    expect(await w.sender.limited(-700, async () => "late").catch((e: Error) => e.message)).toBe("the sender is stopping");
    expect(ran).toBe(1);
  });
});
