import { MAX_CAPTION_LENGTH, splitMessage, visibleLength } from "../domain/html.js";
import type { Locale } from "../domain/translate.js";
import type { BroadcastMedia, BroadcastView } from "../store/broadcast-view.js";

/** One message of a delivery: a text, or a file (by file_id) with the text as its caption. */
export interface MessagePart {
  text: string;
  media?: BroadcastMedia;
}

/** The file a broadcast sends to readers of one language, if any. */
export function mediaFor(b: Pick<BroadcastView, "media">, locale: Locale): BroadcastMedia | undefined {
  const media = b.media;
  if (!media) return undefined;
  return "type" in media ? media : media[locale];
}

/**
 * The messages one recipient gets: a long text in parts under Telegram's limit; with a file, the
 * file captioned with the text when it fits in a caption, else the file alone and then the text.
 */
export function messageParts(text: string, media: BroadcastMedia | undefined): MessagePart[] {
  const parts = splitMessage(text).map((t) => ({ text: t }));
  if (!media) return parts;
  if (visibleLength(text) <= MAX_CAPTION_LENGTH) return [{ text, media }];
  return [{ text: "", media }, ...parts];
}
