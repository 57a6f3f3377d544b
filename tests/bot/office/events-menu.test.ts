import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { loadNoticeCatalog } from "../../../src/store/notice-catalog.js";
import { callbackQuery, command, makeUser, privateMessage, type UploadedFile } from "../../../tools/fake-bot-api/index.js";
import { readHtml, buttonData } from "../../helpers/bot-harness.js";
import { createEventsHarness, type EventsHarness } from "./events-harness.js";

const NOW = new Date("2026-12-05T02:00:00.000Z"); // Sat 5 Dec, 10:00 in Shanghai
const STAFF = 2;
const staff = makeUser(STAFF, { language_code: "en" });

let h: EventsHarness;
afterEach(() => h.close());

const said = (chatId = STAFF): string => readHtml(h.last(chatId).text ?? "");
const press = (d: string, m: Message) => h.send(callbackQuery(staff, d, m));
const notice = (id: string) => h.store.data.office.notices?.find((n) => n.id === id);

describe("/events", () => {
  it("lists events and notices; a change of time, capacity and text, and a pause, survive a restart", async () => {
    h = await createEventsHarness(NOW, [100]);
    await h.send(command(staff, "event", "2026-12-20 09:00 Winter clinic cap=5"));
    const preview = h.last(STAFF);
    await press(buttonData(preview)[0]!, preview);
    await h.send(command(staff, "events"));
    const list = h.last(STAFF);
    expect(said()).toContain("e1 · Winter clinic · Sun 20 Dec, 09:00 · 5 places");
    expect(said()).toContain("cleanup-day · Weekend cleanup day · Sat 26 Dec, 08:30");
    expect(buttonData(list)).toContain("en:v:cleanup-day");
    for (const d of buttonData(list)) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64);

    await press("en:v:cleanup-day", list);
    const card = h.last(STAFF);
    expect(buttonData(card)).toEqual(["en:e:x:cleanup-day", "en:e:t:cleanup-day", "en:e:p:cleanup-day", "en:e:c:cleanup-day", "en:m:cleanup-day", "en:s:cleanup-day", "en:p:cleanup-day", "en:l"]);
    await press("en:e:t:cleanup-day", card);
    expect(said()).toContain("Send the new time of cleanup-day (now: 08:30)");
    await h.send(privateMessage(staff, "25:00"));
    expect(said()).toContain("cannot read the time");
    await h.restart(); // the edit in progress is kept too
    await h.send(privateMessage(staff, "9:00"));
    expect(said()).toContain("The time of cleanup-day is now: 9:00");

    await press("en:e:c:e1", card);
    await h.send(privateMessage(staff, "0"));
    expect(said()).toContain("not a capacity");
    await h.send(privateMessage(staff, "8"));
    await press("en:e:x:e1", card);
    await h.send(privateMessage(staff, "Bring your medical card."));
    await press("en:p:pest-control", card);

    await h.restart();
    expect(notice("cleanup-day")?.rule.time).toBe("09:00");
    expect(notice("e1")?.signup?.capacity).toBe(8);
    expect(notice("e1")?.text).toEqual({ zh: "Bring your medical card.", en: "Bring your medical card." });
    expect(notice("pest-control")?.paused).toBe(true);
    await h.send(command(staff, "events"));
    expect(said()).toContain("cleanup-day · Weekend cleanup day · Sat 26 Dec, 09:00");
    expect(said()).toContain("e1 · Winter clinic · Sun 20 Dec, 09:00 · 8 places");
    expect(said()).toContain("pest-control · Pest control day · Wed 9 Dec, 09:00 · 20 places · ⏸ paused");
    // a paused notice has no occurrence: no sign-up, no reminder
    await h.send(command(staff, "signups", "pest-control"));
    expect(said()).not.toContain("9 Dec");
    await press("en:r:pest-control", h.last(STAFF));
    expect(notice("pest-control")?.paused).toBeUndefined();
  });

  it("an edit of a notice with a skipped date keeps the skip merged, not stored, and the store opens again", async () => {
    h = await createEventsHarness(NOW, [100]);
    await h.send(command(staff, "skip", "cleanup-day 2026-12-26 snow"));
    const preview = h.last(STAFF);
    await press(buttonData(preview)[0]!, preview);
    await press("en:p:cleanup-day", h.last(STAFF));
    expect(notice("cleanup-day")?.paused).toBe(true);
    expect(notice("cleanup-day")).not.toHaveProperty("moves");
    expect(notice("cleanup-day")).not.toHaveProperty("skip");
    await h.restart(); // the stored notice had the merged `moves` before: the store could not be opened
    await h.send(command(staff, "events"));
    expect(said()).toContain("cleanup-day · Weekend cleanup day · Sat 30 Jan, 08:30 · no limit · ⏸ paused");
  });

  it("refuses residents politely, for the list and for the buttons", async () => {
    h = await createEventsHarness(NOW, [100]);
    const resident = makeUser(100, { language_code: "en" });
    await h.send(command(resident, "events"));
    expect(said(100)).toMatch(/staff/i);
    await h.send(callbackQuery(resident, "en:p:cleanup-day", h.last(100)));
    expect(notice("cleanup-day")?.paused).toBeUndefined();
  });

  it("/events export sends the notices as data/notices.json, which seeds a store again", async () => {
    h = await createEventsHarness(NOW, [100]);
    await h.send(command(staff, "event", "2026-12-20 09:00 Winter clinic to=liudong"));
    const preview = h.last(STAFF);
    await press(buttonData(preview)[0]!, preview);
    await h.send(command(staff, "events", "export"));
    const doc = h.rec.calls.filter((c) => c.method === "sendDocument").at(-1);
    const file = doc?.params.document as UploadedFile;
    expect(file.filename).toBe("notices.json");
    const json = file.bytes.toString("utf8");
    const parsed = JSON.parse(json) as { timezone: string; notices: { id: string }[] };
    expect(parsed.timezone).toBe("Asia/Shanghai");
    expect(parsed.notices.map((n) => n.id)).toEqual(["cleanup-day", "pest-control", "health-bulletin", "civility-lecture", "e1"]);
    const dir = await mkdtemp(join(tmpdir(), "export-"));
    try {
      await writeFile(join(dir, "notices.json"), json);
      const catalog = await loadNoticeCatalog(dir);
      expect(catalog.notices.find((n) => n.id === "e1")).toMatchObject({ rule: { kind: "once", date: "2026-12-20" }, to: ["liudong"] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
