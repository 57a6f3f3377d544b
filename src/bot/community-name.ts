import type { Locale } from "../domain/translate.js";
import type { BotDeps } from "./context.js";

/**
 * The community as greetings name it, in `locale`: its name from data/community.json (per
 * community when one bot serves several), else a neutral word ("社区", "the community").
 */
export function communityName(deps: Pick<BotDeps, "communityName">, locale: Locale, t: (key: string) => string): string {
  return deps.communityName?.[locale] ?? t("core-community-generic");
}
