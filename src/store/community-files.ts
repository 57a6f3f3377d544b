import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Localized } from "../domain/translate.js";
import { loadCommunityName } from "./report-data.js";

/**
 * Where a community's data files are when several share one bot: `<dataDir>/communities/<slug>/`
 * when that folder exists, else `dataDir` itself (the shipped seed as a template).
 */
export function communityDataDir(dataDir: string, slug: string): string {
  const own = join(dataDir, "communities", slug);
  return existsSync(own) && statSync(own).isDirectory() ? own : dataDir;
}

/**
 * A community's own name, from its own folder's community.json; undefined for one seeded from the
 * shared template (which would otherwise bear the template's name): it is shown by its slug.
 */
export async function ownCommunityName(dataDir: string, slug: string): Promise<Localized | undefined> {
  const own = join(dataDir, "communities", slug);
  return existsSync(join(own, "community.json")) ? loadCommunityName(own) : undefined;
}
