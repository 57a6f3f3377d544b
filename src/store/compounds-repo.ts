import { findCompound, inAudience, newCompoundId, type Compound } from "../domain/compounds.js";
import { activeSubscribers } from "./chats.js";
import type { ReadonlyDb, Store } from "./engine/store.js";

/** Compounds (小区): those of `data/compounds.json` plus those staff added; who belongs to which. */
export interface CompoundsRepo {
  /** Every compound, the data file's first, then those added, in order. */
  list(): Promise<Compound[]>;
  /** The compound an id or a typed name names. */
  find(typed: string): Promise<Compound | undefined>;
  /** Adds a compound by name (both languages alike); resolves with it once on disk, or with the one of that name. */
  add(name: string, by: number): Promise<{ compound: Compound; created: boolean }>;
  /** Sets (or with undefined clears) a resident's compound. */
  setResident(userId: number, compoundId: string | undefined): Promise<void>;
  /** Binds (or with undefined unbinds) a group to a compound. */
  setGroup(chatId: number, compoundId: string | undefined): Promise<void>;
  /** A chat's compound: the group's binding, or the resident's choice for a private chat. */
  compoundOf(chatId: number): Promise<string | undefined>;
  /** compoundOf for every chat and person at once: id → compound id (those with none left out). */
  members(): Promise<Map<number, string>>;
  /** Active subscribers in an audience (undefined = everyone): chat ids. */
  recipients(audience: readonly string[] | undefined): Promise<number[]>;
  /** How many active subscribers each compound has, and those with none. */
  breakdown(): Promise<{ id: string | undefined; count: number }[]>;
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

/** Every chat's and person's compound in a Db (chatCompound of each), those with none left out. */
function membersIn(db: ReadonlyDb): Map<number, string> {
  const found = new Map<number, string>();
  for (const key of new Set([...Object.keys(db.chats), ...Object.keys(db.users)])) {
    const compound = chatCompound(db, Number(key));
    if (compound !== undefined) found.set(Number(key), compound);
  }
  return found;
}

/** Builds the repo over the store and the compounds the data file lists. */
export function createCompoundsRepo(store: Store, seeded: readonly Compound[], now: () => Date = () => new Date()): CompoundsRepo {
  const list = (): Compound[] => [...seeded, ...store.data.office.compounds.map(({ id, name }) => ({ id, name }))];
  const known = (id: string | undefined): void => {
    if (id !== undefined && !list().some((c) => c.id === id)) throw new Error(`unknown compound ${id}`);
  };
  return {
    list: () => Promise.resolve(list()),
    find: (typed) => Promise.resolve(findCompound(list(), typed)),
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
    compoundOf: (chatId) => Promise.resolve(chatCompound(store.data, chatId)),
    members: () => Promise.resolve(membersIn(store.data)),
    recipients: (audience) => Promise.resolve(recipientsIn(store.data, audience)),
    breakdown() {
      const db = store.data;
      const counts = new Map<string | undefined, number>();
      for (const c of activeSubscribers(db)) {
        const id = chatCompound(db, c.id);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return Promise.resolve([...list().map((c) => c.id), undefined].map((id) => ({ id, count: counts.get(id) ?? 0 })));
    },
  };
}
