import { afterEach, describe, expect, it } from "vitest";
import { attendanceCallbackData } from "../../../src/domain/signups/buttons.js";
import { callbackQuery, command, makeUser, privateMessage } from "../../../tools/fake-bot-api/index.js";
import { readHtml, buttonData } from "../../helpers/bot-harness.js";
import { createEventsHarness, type EventsHarness } from "./events-harness.js";

const NOW = new Date("2026-12-05T02:00:00.000Z"); // Sat 5 Dec, 10:00 in Shanghai
const STAFF = 2;
const staff = makeUser(STAFF, { language_code: "en" });
const RESIDENTS = [100, 101, 102];
const OCC = "e1:2026-12-20";

let h: EventsHarness;
afterEach(() => h.close());

const said = (chatId = STAFF): string => readHtml(h.last(chatId).text ?? "");
const volunteers = () => h.store.data.campaign.records.filter((r) => r.metricId === "environment_day_volunteers" && r.source === "attendance").map((r) => r.by);
const resident = makeUser(101, { language_code: "en" });
/** The line of a resident's /progress about the environment-day volunteers. */
const progressLine = async (): Promise<string> => {
  await h.send(command(resident, "progress"));
  return said(resident.id).split("\n").find((l) => /世界环境日志愿者|Environment Day volunteers/.test(l)) ?? "";
};

async function eventWithSignups(): Promise<void> {
  h = await createEventsHarness(NOW, RESIDENTS);
  await h.send(command(staff, "event", "2026-12-20 09:00 Riverside ride cap=10"));
  const preview = h.last(STAFF);
  await h.send(callbackQuery(staff, buttonData(preview)[0]!, preview));
  // each presses 报名 under the announcement the sender delivered to them
  for (const id of RESIDENTS) await h.send(callbackQuery(makeUser(id), `su:j:${OCC}`, await h.copyOf(id, OCC)));
  h.clock.now = new Date("2026-12-20T03:00:00.000Z");
}

describe("attendance of a one-off event feeds the campaign (data/campaign.json's events)", () => {
  it("/attended e1 moves the volunteers' figure in /progress and in an answer, once", async () => {
    await eventWithSignups();
    const before = await progressLine();
    expect(before).toContain("150");
    await h.send(command(staff, "attended", "e1 100 101"));
    expect(said()).toContain("2 newly marked as attended");
    expect(volunteers().sort()).toEqual([100, 101]);
    expect(await progressLine()).toContain("152");
    // marking the same people again counts nothing more
    await h.send(command(staff, "attended", "e1 100 101"));
    expect(volunteers()).toHaveLength(2);
    expect(await progressLine()).toContain("152");
    await h.send(privateMessage(resident, "how many environment day volunteers?"));
    expect(said(101)).toContain("152");
  });

  it("unmarking takes the attendee's figure back, as for a notice", async () => {
    await eventWithSignups();
    await h.send(command(staff, "attended", "e1 100 101"));
    await h.send(command(staff, "signups", "e1"));
    const list = h.last(STAFF);
    await h.send(callbackQuery(staff, attendanceCallbackData(false, 100, OCC), list));
    expect(volunteers()).toEqual([101]);
    expect(await progressLine()).toContain("151");
  });
});
