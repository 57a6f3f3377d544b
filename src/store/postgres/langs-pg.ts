/**
 * The stored languages the locale rule reads, for many ids at once: a user's language and the chat's
 * of the same id (its type too), in one query for every id asked within one turn of the event loop.
 * The sender asks once per recipient, up to its concurrency at a time: at 1,000 messages a second,
 * two queries per recipient were what held it back (issue 16's district bench). Nothing is kept
 * beyond the turn, so a language changed on another instance is seen at the next question.
 */
import { sql } from "kysely";
import type { PgDb } from "./database.js";

export interface StoredLangs {
  userLang?: string;
  chatLang?: string;
  /** the chat's type, when there is a chat with this id */
  chatType?: string;
}

interface Waiter {
  resolve(langs: StoredLangs): void;
  reject(err: unknown): void;
}

interface Row {
  id: number;
  user_lang: string | null;
  chat_lang: string | null;
  chat_type: string | null;
}

async function load(db: PgDb, community: string, batch: Map<number, Waiter[]>): Promise<void> {
  try {
    const { rows } = await sql<Row>`
      SELECT k.id, u.lang AS user_lang, c.lang AS chat_lang, c.type AS chat_type
      FROM unnest(${[...batch.keys()]}::bigint[]) AS k(id)
      LEFT JOIN users u ON u.community = ${community} AND u.id = k.id
      LEFT JOIN chats c ON c.community = ${community} AND c.id = k.id`.execute(db);
    const found = new Map(rows.map((r) => [Number(r.id), r]));
    for (const [id, waiters] of batch) {
      const r = found.get(id);
      const langs: StoredLangs = {
        ...(r?.user_lang != null ? { userLang: r.user_lang } : {}),
        ...(r?.chat_lang != null ? { chatLang: r.chat_lang } : {}),
        ...(r?.chat_type != null ? { chatType: r.chat_type } : {}),
      };
      for (const w of waiters) w.resolve(langs);
    }
  } catch (err) {
    for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
  }
}

/** Answers an id's stored languages; the ids asked in one turn share one query. */
export function createLangLoader(db: PgDb, community: string): (id: number) => Promise<StoredLangs> {
  let batch: Map<number, Waiter[]> | undefined;
  return (id) =>
    new Promise<StoredLangs>((resolve, reject) => {
      if (batch === undefined) {
        const mine = new Map<number, Waiter[]>();
        batch = mine;
        setImmediate(() => {
          batch = undefined;
          void load(db, community, mine);
        });
      }
      const waiters = batch.get(id) ?? [];
      waiters.push({ resolve, reject });
      batch.set(id, waiters);
    });
}
