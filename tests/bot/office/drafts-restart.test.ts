import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { callbackQuery, command, makeUser } from "../../../tools/fake-bot-api/index.js";
import { readHtml, buttonData } from "../../helpers/bot-harness.js";
import { createEventsHarness, type EventsHarness } from "./events-harness.js";

const NOW = new Date("2026-12-05T02:00:00.000Z"); // Sat 5 Dec, 10:00 in Shanghai
const STAFF = 2;
const staff = makeUser(STAFF, { language_code: "en" });
const RESIDENTS = [100, 101];

let h: EventsHarness;
afterEach(() => h.close());

const said = (): string => readHtml(h.last(STAFF).text ?? "");
const press = (data: string, m: Message, user = staff) => h.send(callbackQuery(user, data, m));
const answers = (): string[] => h.rec.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => String(c.params.text ?? ""));
const broadcasts = () => Object.values(h.store.data.broadcasts);

describe("previews are kept in the store: Confirm works after a restart, once", () => {
  it("/event: preview, restart, Confirm creates and announces it; a second Confirm sends nothing more", async () => {
    h = await createEventsHarness(NOW, RESIDENTS);
    await h.send(command(staff, "event", "2026-12-20 09:00 Winter clinic cap=3"));
    const preview = h.last(STAFF);
    await h.restart();
    await press(buttonData(preview)[0]!, preview);
    expect(h.texts(STAFF)).toContainEqual(expect.stringContaining("Event e1 created and announced to 2 subscribers"));
    // the preview becomes the answer, followed by the event's summary (once "[object Promise]")
    const edited = h.rec.calls.filter((c) => c.method === "editMessageText" && c.params.message_id === preview.message_id).at(-1);
    const summary = readHtml(String(edited?.params.text));
    expect(summary).toMatch(/^✅ Event e1 created[^]*\n\n[^]*Winter clinic[^]*Sun 20 Dec, 09:00/);
    expect(summary).not.toContain("[object");
    expect(broadcasts()).toHaveLength(1);
    await h.restart();
    await press(buttonData(preview)[0]!, preview);
    expect(answers().at(-1)).toBe("This event has been created already.");
    expect(broadcasts()).toHaveLength(1);
    expect(h.store.data.office.notices?.filter((n) => n.id.startsWith("e"))).toHaveLength(1);
    // another staff member's press confirms nothing; an unknown token says it has expired
    await press(buttonData(preview)[1]!, preview, makeUser(1, { language_code: "en" }));
    expect(answers().at(-1)).toBe("Only the staff member who wrote this event can confirm it.");
    await press("ev:ok:AAAAAAAA", preview);
    expect(answers().at(-1)).toContain("no longer known");
    // a preview is kept for a day
    await h.send(command(staff, "event", "2026-12-21 09:00 Second clinic"));
    const late = h.last(STAFF);
    h.clock.now = new Date(NOW.getTime() + 25 * 3_600_000);
    await press(buttonData(late)[0]!, late);
    expect(answers().at(-1)).toContain("no longer known");
    expect(broadcasts()).toHaveLength(1);
  });

  it("/skip: preview, restart, Confirm skips the date and tells those signed up once", async () => {
    h = await createEventsHarness(NOW, RESIDENTS);
    await h.send(command(staff, "event", "2026-12-20 09:00 Winter clinic"));
    const event = h.last(STAFF);
    await press(buttonData(event)[0]!, event);
    await h.send(callbackQuery(makeUser(100), "su:j:e1:2026-12-20", await h.copyOf(100, "e1:2026-12-20")));
    await h.send(command(staff, "skip", "e1 2026-12-20 snow"));
    const preview = h.last(STAFF);
    expect(said()).toContain("(preview)");
    await h.restart();
    await press(buttonData(preview)[0]!, preview);
    expect(h.store.data.office.dateOverrides["e1"]).toBeDefined();
    const told = () => broadcasts().filter((b) => b.key === "skip:e1:2026-12-20");
    expect(told()).toHaveLength(1);
    await press(buttonData(preview)[0]!, preview);
    expect(answers().at(-1)).toBe("This change has been made already.");
    expect(told()).toHaveLength(1);
    // and the one signed up read it once, from the sender; 101, not signed up, not at all
    await h.app.sender.idle();
    expect(h.texts(100).filter((t) => t.includes("snow"))).toHaveLength(1);
    expect(h.texts(101).filter((t) => t.includes("snow"))).toEqual([]);
  });
});
