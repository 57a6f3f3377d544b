import type { Message } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callbackQuery, command, makeUser, privateMessage } from "../../../tools/fake-bot-api/index.js";
import { readHtml, buttonData } from "../../helpers/bot-harness.js";
import { createEventsHarness, type EventsHarness } from "./events-harness.js";

const NOW = new Date("2026-12-05T02:00:00.000Z"); // Sat 5 Dec, 10:00 in Shanghai
const STAFF = 2;
const staff = makeUser(STAFF, { language_code: "en" });
const RESIDENTS = [100, 101, 102, 103];
const OCC = "e1:2026-12-20";

let h: EventsHarness;
afterEach(() => h.close());

const said = (chatId = STAFF): string => readHtml(h.last(chatId).text ?? "");
const press = (user: number, data: string, m: Message) => h.send(callbackQuery(user === STAFF ? staff : makeUser(user), data, m));
/** The announcement as a resident got it (the sender's copy, with the sign-up buttons). */
const copyFor = (chatId: number) => h.copyOf(chatId, OCC);
/** Something the bot said to staff, whether or not a later message (the sender's progress) followed it. */
const toldStaff = (text: string) => expect(h.texts(STAFF)).toContainEqual(expect.stringContaining(text));

describe("/event on one line", () => {
  it("capacity 3 and four presses: three confirmed, one waiting, a cancel promotes", async () => {
    h = await createEventsHarness(NOW, RESIDENTS);
    await h.send(command(staff, "event", "2026-12-20 09:00 Winter clinic place=\"Residents' office\" cap=3"));
    const preview = h.last(STAFF);
    expect(said()).toContain("Preview");
    expect(said()).toContain("3 places, then a waitlist");
    expect(said()).toContain("announced to everyone: 4 subscribers");
    expect(h.store.data.office.notices?.some((n) => n.id === "e1")).toBe(false);
    await press(STAFF, buttonData(preview)[0]!, preview);
    toldStaff("Event e1 created and announced to 4 subscribers");
    const [b] = Object.values(h.store.data.broadcasts);
    expect(b).toMatchObject({ occurrenceId: OCC, key: "event:e1" });
    // each resident got the announcement from the sender, with its sign-up buttons
    for (const id of RESIDENTS) expect(readHtml((await copyFor(id)).text ?? "")).toContain("Winter clinic");

    for (const id of RESIDENTS) await press(id, `su:j:${OCC}`, await copyFor(id));
    await h.send(command(staff, "signups", "e1"));
    const roster = said();
    expect(roster).toContain("3 sign-ups, 3 people (capacity 3); 1 waiting");
    expect(roster).toMatch(/Waitlist\n1\. User 103/);
    // the first one cancels: the one waiting is promoted and told
    await press(100, `su:c:${OCC}`, await copyFor(100));
    // told right after the answer (setImmediate), through the outbox
    const personal = () => Object.values(h.store.data.broadcasts).filter((x) => x.kind === "personal");
    await vi.waitFor(() => expect(personal()).toHaveLength(1));
    await h.app.sender.idle();
    expect(h.texts(103).at(-1)).toMatch(/你已从候补转为正式报名：.*Winter clinic — 第 3 位/);
    for (const id of [100, 101, 102]) expect(h.texts(id)).toHaveLength(1); // only the announcement
    await h.send(command(staff, "signups", "e1"));
    expect(said()).toContain("3 sign-ups, 3 people (capacity 3); 0 waiting");
    expect(said()).not.toContain("User 100");
    // /next lists it; once it has started, /attended takes its id
    await h.send(command(makeUser(101, { language_code: "en" }), "next"));
    expect(readHtml(h.last(101).text ?? "")).toContain("Winter clinic");
    h.clock.now = new Date("2026-12-20T01:30:00.000Z");
    await h.send(command(staff, "attended", "e1 101 102"));
    expect(said()).toContain("Winter clinic, Sun 20 Dec, 09:00: 2 newly marked as attended");
  });

  it("refuses bad input clearly, and non-staff politely", async () => {
    h = await createEventsHarness(NOW, [100]);
    const cases: [string, string][] = [
      ["2026-12-01 09:00 Old", "passed already"],
      ["2026-12-20 25:00 Late", "cannot read the time"],
      ["2026-02-30 09:00 Nope", "cannot read the date"],
      ["2026-12-20 09:00 Zero cap=0", "not a capacity"],
      ["2026-12-20 09:00 Huge cap=20000", "not a capacity"],
      ["2026-12-20 09:00 Where to=Atlantis", "No compound named: Atlantis"],
      ["2026-12-20 09:00 Late at=2026-12-21 19:00", "not before the event"],
      ["2026-12-20 09:00 Gone at=2026-12-01 19:00", "at= time has passed"],
      ["2026-12-20 09:00 cap=3", "needs a title"],
      [`2026-12-20 09:00 ${"x".repeat(101)}`, "title is too long"],
    ];
    for (const [args, expected] of cases) {
      await h.send(command(staff, "event", args));
      expect(said(), args).toContain(expected);
    }
    await h.send(command(makeUser(100), "event", "2026-12-20 09:00 Mine"));
    expect(readHtml(h.last(100).text ?? "")).toMatch(/staff|工作人员/);
    expect(Object.keys(h.store.data.broadcasts)).toHaveLength(0);
  });

  it("at= keeps the announcement with its sign-up buttons for later; the event is listed in /events", async () => {
    h = await createEventsHarness(NOW, [100]);
    await h.send(command(staff, "event", "2026-12-20 09:00 Ride to=柳东新村 at=2026-12-06 19:00"));
    const preview = h.last(STAFF);
    expect(said()).toContain("“Liudong New Village”: 0 subscribers");
    await press(STAFF, buttonData(preview)[0]!, preview);
    expect(said()).toContain("e1 created; it will be announced at");
    expect(Object.keys(h.store.data.broadcasts)).toHaveLength(0);
    expect(h.store.data.office.scheduled.s1).toMatchObject({ status: "waiting", occurrenceId: OCC, to: ["liudong"] });
    await h.send(command(staff, "events"));
    expect(said()).toContain("e1 · Ride");
    expect(said()).toContain("s1 ·");
    await h.app.scheduler.tick(new Date("2026-12-06T11:00:30.000Z"));
    const [b] = Object.values(h.store.data.broadcasts);
    expect(b).toMatchObject({ occurrenceId: OCC });
    expect(b!.text.zh).toContain("Ride");
  });
});

describe("/event step by step", () => {
  it("asks one thing at a time, checks each answer, and resumes after a restart", async () => {
    h = await createEventsHarness(NOW, [100, 101]);
    await h.store.write((db) => {
      db.users["100"]!.compound = "liudong";
    }, "durable");
    await h.send(command(staff, "event"));
    expect(said()).toContain("Which day?");
    await h.send(privateMessage(staff, "2026-13-01"));
    expect(said()).toContain("cannot read the date");
    await h.send(privateMessage(staff, "next week"));
    expect(said()).toContain("cannot read the date");
    await h.send(privateMessage(staff, "2026-12-01"));
    expect(said()).toContain("passed already");
    // as staff type it: 12月20日 (12-20 and tomorrow work too; see typed-date tests)
    await h.send(privateMessage(staff, "12月20日"));
    expect(said()).toContain("What time");
    await h.restart();
    await h.send(privateMessage(staff, "9:00"));
    expect(said()).toContain("The title?");
    await h.send(privateMessage(staff, "Winter clinic"));
    await h.send(privateMessage(staff, "-"));
    await h.send(privateMessage(staff, "0"));
    expect(said()).toContain("not a capacity");
    await h.send(privateMessage(staff, "2"));
    await h.send(privateMessage(staff, "Atlantis"));
    expect(said()).toContain("No compound named");
    await h.send(privateMessage(staff, "柳东新村"));
    expect(said()).toContain("When should it be announced?");
    await h.send(privateMessage(staff, "2026-12-21 19:00"));
    expect(said()).toContain("not before the event");
    await h.send(privateMessage(staff, "yesterday 19:00"));
    expect(said()).toContain("cannot read the time");
    await h.send(privateMessage(staff, "-"));
    const preview = h.last(STAFF);
    expect(said()).toContain("2 places");
    expect(said()).toContain("“Liudong New Village”: 1 subscriber");
    await h.restart();
    await press(STAFF, buttonData(preview)[0]!, preview);
    toldStaff("Event e1 created and announced to 1 subscriber");
    expect(h.store.data.office.notices?.find((n) => n.id === "e1")).toMatchObject({
      rule: { kind: "once", date: "2026-12-20", time: "09:00" },
      signup: { capacity: 2 },
      to: ["liudong"],
    });
    await copyFor(100); // in liudong: told
    expect(h.texts(101)).toEqual([]); // not in liudong
    expect(h.store.data.office.conversations).toEqual({});
  });

  it("the optional announcement step takes a day as typed and a time: kept for then", async () => {
    h = await createEventsHarness(NOW, [100]);
    await h.send(command(staff, "event"));
    for (const answer of ["明天", "9:00", "Morning walk", "-", "-", "-", "today 19:00"]) await h.send(privateMessage(staff, answer));
    const preview = h.last(STAFF);
    expect(said()).toContain("Morning walk");
    await press(STAFF, buttonData(preview)[0]!, preview);
    expect(said()).toContain("e1 created; it will be announced at");
    expect(Object.values(h.store.data.office.scheduled)).toMatchObject([{ at: "2026-12-05T11:00:00.000Z", occurrenceId: "e1:2026-12-06" }]);
    expect(h.store.data.broadcasts).toEqual({});
  });

  it("/cancel stops it, and nothing is created", async () => {
    h = await createEventsHarness(NOW);
    await h.send(command(staff, "event"));
    await h.send(command(staff, "cancel"));
    expect(said()).toContain("Stopped; no event was created");
    await h.send(privateMessage(staff, "2026-12-20"));
    expect(h.store.data.office.notices?.some((n) => n.id === "e1")).toBe(false);
  });
});
