import { normalizeTime, parseCapacity, MAX_EVENT_PLACE } from "../../domain/event-args.js";
import { escapeHtml } from "../../domain/html.js";
import type { Locale } from "../../domain/translate.js";
import type { NoticeChange } from "../../store/notices-repo.js";
import { eventError, type EventServices } from "./event-draft.js";
import { say, type StepContext, type StepConversation } from "./event-steps.js";

/** The fields /events can change, by the letter in the button data. */
export const EDIT_FIELDS = { x: "text", t: "time", p: "place", c: "capacity" } as const;
export type EditField = (typeof EDIT_FIELDS)[keyof typeof EDIT_FIELDS];

/** Longest notice text (the announcement's header and a preview must still fit in 4096). */
const MAX_TEXT = 3000;

/**
 * The conversation behind an /events edit button: asks the new value of one field of one notice,
 * checks it, stores it (the scheduler, sign-ups and answers see it at once) and says what changed.
 * A command (/cancel) leaves it unchanged. Kept in the store, like /event's steps.
 */
export function createEditSteps(s: EventServices) {
  return async function eventEdit(conversation: StepConversation, ctx: StepContext, locale: Locale, id: string, field: EditField): Promise<void> {
    const t = s.translate(locale);
    const notice = await conversation.external(() => s.notices.get(id));
    if (!notice) return say(conversation, (o) => o.reply(t("events-unknown", { id: escapeHtml(id) })));
    const current =
      field === "time" ? notice.rule.time : field === "capacity" ? String(notice.signup?.capacity ?? "—") : (notice[field]?.[locale] ?? "—");
    const question = t("events-ask-value", { field: t(`events-field-${field}`), id, current: escapeHtml(current) });
    await say(conversation, (o) => o.reply(question));
    for (;;) {
      const reply = await conversation.waitFor("message:text").andFrom(ctx.from!.id);
      const text = reply.message.text.trim();
      if (text.startsWith("/")) {
        await say(conversation, (o) => o.reply(t("events-edit-cancelled")));
        return conversation.halt({ next: !/^\/cancel(@\w+)?$/i.test(text) });
      }
      const change = parseChange(field, text, locale);
      if ("error" in change) {
        const problem = change.error === "too-long" ? t("events-text-too-long", { max: MAX_TEXT }) : eventError(t, change.error);
        await say(conversation, (o) => o.reply(problem));
        continue;
      }
      const result = await conversation.external(async () => {
        const r = await s.notices.update(id, change);
        // a raised capacity promotes those waiting now, not at the next join or cancel
        if (r !== undefined && !("problem" in r) && field === "capacity") await s.capacityChanged?.(id);
        return r === undefined ? "unknown" : "problem" in r ? r.problem : "ok";
      });
      if (result === "ok") return say(conversation, (o) => o.reply(t("events-changed", { id, field: t(`events-field-${field}`), value: escapeHtml(text) })));
      if (result === "unknown") return say(conversation, (o) => o.reply(t("events-unknown", { id: escapeHtml(id) })));
      await say(conversation, (o) => o.reply(t("events-change-refused", { problem: escapeHtml(result) })));
    }
  };
}

type ChangeError = { error: "too-long" } | { error: Parameters<typeof eventError>[1] };

/** A typed value as a change, or what is wrong with it. */
function parseChange(field: EditField, text: string, locale: Locale): NoticeChange | ChangeError {
  switch (field) {
    case "time": {
      const time = normalizeTime(text);
      return time ? { field, value: time } : { error: { error: "bad-time", value: text } };
    }
    case "capacity": {
      const n = parseCapacity(text);
      return typeof n === "number" ? { field, value: n } : { error: n };
    }
    case "place":
      if (text === "") return { error: { error: "usage" } };
      return [...text].length > MAX_EVENT_PLACE ? { error: { error: "place-long" } } : { field, locale, value: text };
    case "text":
      if (text === "") return { error: { error: "usage" } };
      return [...text].length > MAX_TEXT ? { error: "too-long" } : { field, locale, value: text };
  }
}
