import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { ScheduledBroadcast } from "./office-schema.js";
import type { Store } from "./engine/store.js";

/** What a staff member asked to send later (see ScheduledBroadcast). */
export type ScheduleInput = Omit<ScheduledBroadcast, "id" | "status" | "createdAt" | "broadcastId">;

/** Broadcasts waiting for their `at=` time, kept in the store (`db.office.scheduled`) across restarts. */
export interface ScheduledRepo {
  /** Keeps one; resolves with it once on disk (ids `s1`, `s2`, …). */
  schedule(input: ScheduleInput): Promise<ScheduledBroadcast>;
  /** Those still waiting, soonest first. */
  waiting(): Promise<DeepReadonly<ScheduledBroadcast>[]>;
  /** Those waiting whose time has come at `now`, soonest first. */
  due(now: Date): Promise<DeepReadonly<ScheduledBroadcast>[]>;
  /** Marks one done: sent (with the outbox broadcast), too late, or cancelled. False if it was not waiting. */
  finish(id: string, status: "sent" | "late" | "cancelled", broadcastId?: string): Promise<boolean>;
}

/** Builds the repo over the store. */
export function createScheduledRepo(store: Store, now: () => Date): ScheduledRepo {
  const waiting = () =>
    Object.values(store.data.office.scheduled)
      .filter((s) => s.status === "waiting")
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return {
    schedule(input) {
      return store.write((db) => {
        const id = `s${db.office.nextScheduled++}`;
        const item: ScheduledBroadcast = { ...input, id, status: "waiting", createdAt: now().toISOString() };
        db.office.scheduled[id] = item;
        return item;
      }, "durable");
    },
    waiting: () => Promise.resolve(waiting()),
    due: (at) => Promise.resolve(waiting().filter((s) => Date.parse(s.at) <= at.getTime())),
    finish(id, status, broadcastId) {
      return store.write((db) => {
        const item = db.office.scheduled[id];
        if (item?.status !== "waiting") return false;
        item.status = status;
        if (broadcastId) item.broadcastId = broadcastId;
        return true;
      }, "durable");
    },
  };
}
