import { findCompound, inAudience, newCompoundId, type Compound } from "../domain/compounds.js";
import { activeSubscribers } from "./chats.js";
import type { ReadonlyDb, Store } from "./engine/store.js";

/** Compounds (小区): those of `data/compounds.json` plus those staff added; who belongs to which. */
export interface CompoundsRepo {
  /** Every compound, the data file's first, then those added, in order. */
  list(): Compound[];
  /** The compound an id or a typed name names. */
  find(typed: string): Compound | undefined;
  /** Adds a compound by name (both languages alike); resolves with it once on disk, or with the one of that name. */
  add(name: string, by: number): Promise<{ compound: Compound; created: boolean }>;
  /** Sets (or with undefined clears) a resident's compound. */
  setResident(userId: number, compoundId: string | undefined): Promise<void>;
  /** Binds (or with undefined unbinds) a group to a compound. */
  setGroup(chatId: number, compoundId: string | undefined): Promise<void>;
  /** A chat's compound: the group's binding, or the resident's choice for a private chat. */
  compoundOf(chatId: number): string | undefined;
  /** Active subscribers in an audience (undefined = everyone): chat ids. */
  recipients(audience: readonly string[] | undefined): number[];
  /** How many active subscribers each compound has, and those with none. */
  breakdown(): { id: string | undefined; count: number }[];
}

/** The chats that receive a notice meant for `audience` (undefined: everyone), see `inAudience`. */
export function recipientsIn(db: ReadonlyDb, audience: readonly string[] | undefined): number[] {
  return activeSubscribers(db).filter((c) => inAudience(chatCompound(db, c.id), audience)).map((c) => c.id);
}

/** The compound of a chat in a Db (private chats: the user's choice). */
export function chatCompound(db: ReadonlyDb, chatId: number): string | undefined {
  const key = String(chatId);
  const chat = db.chats[key];
  if (chat && chat.type !== "private") return chat.compound;
  return db.users[key]?.compound ?? chat?.compound;
}

/** Builds the repo over the store and the compounds the data file lists. */
export function createCompoundsRepo(store: Store, seeded: readonly Compound[], now: () => Date = () => new Date()): CompoundsRepo {
  const list = (): Compound[] => [...seeded, ...store.data.office.compounds.map(({ id, name }) => ({ id, name }))];
  const known = (id: string | undefined): void => {
    if (id !== undefined && !list().some((c) => c.id === id)) throw new Error(`unknown compound ${id}`);
  };
  return {
    list,
    find: (typed) => findCompound(list(), typed),
    async add(name, by) {
      const existing = findCompound(list(), name);
      if (existing) return { compound: existing, created: false };
      const compound: Compound = { id: newCompoundId(list().map((c) => c.id)), name: { zh: name, en: name } };
      await store.write((db) => {
        db.office.compounds.push({ ...compound, addedBy: by, at: now().toISOString() });
      }, "durable");
      return { compound, created: true };
    },
    async setResident(userId, compoundId) {
      known(compoundId);
      await store.write((db) => {
        const user = db.users[String(userId)];
        if (!user) return;
        if (compoundId === undefined) delete user.compound;
        else user.compound = compoundId;
      }, "durable");
    },
    async setGroup(chatId, compoundId) {
      known(compoundId);
      await store.write((db) => {
        const chat = db.chats[String(chatId)];
        if (!chat) return;
        if (compoundId === undefined) delete chat.compound;
        else chat.compound = compoundId;
      }, "durable");
    },
    compoundOf: (chatId) => chatCompound(store.data, chatId),
    recipients: (audience) => recipientsIn(store.data, audience),
    breakdown() {
      const db = store.data;
      const counts = new Map<string | undefined, number>();
      for (const c of activeSubscribers(db)) {
        const id = chatCompound(db, c.id);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return [...list().map((c) => c.id), undefined].map((id) => ({ id, count: counts.get(id) ?? 0 }));
    },
  };
}
