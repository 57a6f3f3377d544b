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
 * A community's name as residents choose it: the name in its own folder's community.json, else its
 * slug (communities seeded from the shared template would otherwise all bear the template's name).
 */
export async function communityDisplayName(dataDir: string, slug: string): Promise<Localized> {
  const own = join(dataDir, "communities", slug);
  if (existsSync(join(own, "community.json"))) return loadCommunityName(own);
  return { zh: slug, en: slug };
}
