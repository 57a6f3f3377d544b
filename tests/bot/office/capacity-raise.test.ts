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

const said = (): string => readHtml(h.last(STAFF).text ?? "");
const press = (d: string, m: Message) => h.send(callbackQuery(staff, d, m));
const told = () => Object.values(h.store.data.broadcasts).filter((b) => b.kind === "personal");

describe("raising a capacity promotes those waiting at once", () => {
  it("capacity 1 → 3 on the /events card: the first two waiting are confirmed, in order, and told; the third still waits", async () => {
    h = await createEventsHarness(NOW, RESIDENTS);
    await h.send(command(staff, "event", "2026-12-20 09:00 Winter clinic cap=1"));
    const preview = h.last(STAFF);
    await press(buttonData(preview)[0]!, preview);
    // 100 confirmed; 101, 102 and 103 wait, in that order
    for (const id of [100, 101, 102, 103]) await h.send(callbackQuery(makeUser(id), `su:j:${OCC}`, await h.copyOf(id, OCC)));
    await h.send(command(staff, "signups", "e1"));
    expect(said()).toContain("(capacity 1); 3 waiting");

    await h.send(command(staff, "events"));
    await press("en:v:e1", h.last(STAFF));
    await press("en:e:c:e1", h.last(STAFF));
    await h.send(privateMessage(staff, "3"));
    expect(said()).toContain("capacity");
    await vi.waitFor(() => expect(told()).toHaveLength(2));
    await h.app.sender.idle();
    // told by the sender: 101 and 102 (second and third), not 103
    expect(h.texts(101).at(-1)).toMatch(/你已从候补转为正式报名：.*Winter clinic — 第 2 位/);
    expect(h.texts(102).at(-1)).toMatch(/你已从候补转为正式报名：.*Winter clinic — 第 3 位/);
    expect(h.texts(103).join("\n")).not.toContain("候补转为正式报名");
    await h.send(command(staff, "signups", "e1"));
    // the third waiting does not fit: still waiting, first in line
    expect(said()).toContain("(capacity 3); 1 waiting");
    expect(said()).toMatch(/Waitlist\n1\. User 103/);
    // the same after a restart: the fold places them with the new capacity
    await h.restart();
    await h.send(command(staff, "signups", "e1"));
    expect(said()).toContain("(capacity 3); 1 waiting");
  });
});
