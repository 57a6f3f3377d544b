import { parseCompoundList, type Compound } from "../../domain/compounds.js";
import { escapeHtml } from "../../domain/html.js";
import { formatDate } from "../../domain/notice-text.js";
import { instantOf, parseLocalAt, readOptions } from "../../domain/office-args.js";
import type { BroadcastMedia } from "../../store/deliveries-repo.js";
import type { BotContext } from "../context.js";

/** Telegram's limit for a photo's or document's caption. */
export const MAX_CAPTION = 1024;
/** `at=` at most this far ahead. */
const MAX_AHEAD_MS = 366 * 86_400_000;

/** What a `/broadcast` asks for, checked. */
export interface BroadcastRequest {
  /** the text as typed (plain) */
  text: string;
  /** compound ids; absent = everyone */
  to?: string[];
  /** when to send; absent = on Confirm */
  at?: Date;
  media?: BroadcastMedia;
}

/** The photo (largest size) or document a message carries, if any. */
export function mediaOf(ctx: BotContext): BroadcastMedia | undefined {
  const m = ctx.message;
  const photo = m?.photo?.at(-1);
  if (photo) return { type: "photo", fileId: photo.file_id };
  if (m?.document) return { type: "document", fileId: m.document.file_id };
  return undefined;
}

/** The names of compounds, in the update's language, for a message (escaped). */
export function compoundNames(ctx: BotContext, all: readonly Compound[], ids: readonly string[]): string {
  return ids.map((id) => escapeHtml(all.find((c) => c.id === id)?.name[ctx.locale] ?? id)).join("、");
}

/**
 * Reads `/broadcast [to=<compound>,…] [at=<YYYY-MM-DD HH:MM>] <text>` (or a photo / document whose
 * caption is that): the request, or the message that explains what is wrong. `to=` and `at=` are
 * understood only when their services are there.
 */
export function readBroadcast(
  ctx: BotContext,
  args: string,
  o: { compounds?: readonly Compound[]; scheduling: boolean; maxLength: number },
): BroadcastRequest | { error: string } {
  const allowed = [...(o.compounds ? ["to"] : []), ...(o.scheduling ? ["at"] : [])];
  const read = readOptions(args, allowed);
  if ("error" in read) return { error: ctx.t("office-option-twice", { name: read.name }) };
  const text = read.rest.trimEnd();
  const media = mediaOf(ctx);
  if (text.trim() === "") return { error: ctx.t("broadcast-usage") };
  const max = media ? MAX_CAPTION : o.maxLength;
  if ([...text].length > max) return { error: ctx.t(media ? "broadcast-caption-too-long" : "broadcast-too-long", { length: [...text].length, max }) };
  const request: BroadcastRequest = { text, ...(media ? { media } : {}) };
  const to = read.options.to;
  if (to !== undefined && o.compounds) {
    const parsed = parseCompoundList(o.compounds, to);
    if ("unknown" in parsed) {
      const list = o.compounds.map((c) => `${escapeHtml(c.name[ctx.locale])} (${c.id})`).join("、");
      return { error: ctx.t("office-unknown-compound", { names: escapeHtml(parsed.unknown.join("、")), list }) };
    }
    request.to = parsed.ids;
  }
  const at = read.options.at;
  if (at !== undefined) {
    const local = parseLocalAt(at);
    if (!local) return { error: ctx.t("office-bad-at", { value: escapeHtml(at) }) };
    const instant = instantOf(local, ctx.deps.timezone);
    const now = ctx.deps.now().getTime();
    if (instant.getTime() <= now) return { error: ctx.t("office-at-past", { at: formatDate(instant, ctx.deps.timezone, ctx.locale) }) };
    if (instant.getTime() - now > MAX_AHEAD_MS) return { error: ctx.t("office-at-far") };
    request.at = instant;
  }
  return request;
}

/** The preview's header: how many it reaches (and which compounds), and when. */
export function previewHeader(ctx: BotContext, r: BroadcastRequest, count: number, compounds: readonly Compound[] | undefined): string {
  const lines = [
    r.to && compounds
      ? ctx.t("broadcast-to-preview", { count, names: compoundNames(ctx, compounds, r.to) })
      : ctx.t("broadcast-preview", { count }),
  ];
  if (r.at) lines.push(ctx.t("broadcast-at-preview", { at: formatDate(r.at, ctx.deps.timezone, ctx.locale), hours: 6 }));
  if (r.media) lines.push(ctx.t("broadcast-media-preview"));
  return lines.join("\n");
}

/**
 * The arguments of a command in a photo's or document's caption (`/broadcast to=liudong 停水通知`
 * → `to=liudong 停水通知`), or undefined when the caption does not start with that command.
 */
export function captionCommand(ctx: BotContext, name: string): string | undefined {
  const caption = ctx.message?.caption;
  const entity = ctx.message?.caption_entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!caption || !entity) return undefined;
  const [cmd, at] = caption.slice(1, entity.length).split("@");
  if (cmd?.toLowerCase() !== name || (at !== undefined && at.toLowerCase() !== ctx.me.username.toLowerCase())) return undefined;
  return caption.slice(entity.length).trimStart();
}
