import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Low } from "lowdb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DurableJsonFile, StoreFileError } from "../../src/store/engine/durable-file.js";
import { openStore } from "../../src/store/engine/store.js";

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "store-snapshot-"));
  file = join(dir, "db.json");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the snapshot through lowdb's Adapter", () => {
  it.each(["null", "0", "false", '""', '"text"', "[]"])("a db.json holding %s is a StoreFileError naming the file, never an empty store", async (text) => {
    await writeFile(file, text);
    const err = await openStore({ file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreFileError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/does not hold a JSON object/);
    expect(await readFile(file, "utf8")).toBe(text); // left untouched
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(await readdir(dir)).toEqual(["db.json"]);
  });

  it("reads null only for a missing file, so lowdb's Low keeps its default data then", async () => {
    const adapter = new DurableJsonFile<{ n: number }>(file);
    expect(await adapter.read()).toBeNull();
    const low = new Low(adapter, { n: 1 });
    await low.read();
    expect(low.data).toEqual({ n: 1 });
  });

  it("Low.write goes through the durable adapter: the file is replaced whole, the previous kept as .bak, no temporary file left", async () => {
    const low = new Low(new DurableJsonFile<{ n: number }>(file), { n: 1 });
    await low.write();
    low.data.n = 2;
    await low.write();
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ n: 2 });
    expect(JSON.parse(await readFile(`${file}.bak`, "utf8"))).toEqual({ n: 1 });
    expect((await readdir(dir)).sort()).toEqual(["db.json", "db.json.bak"]);
    const again = new Low(new DurableJsonFile<{ n: number }>(file), { n: 0 });
    await again.read();
    expect(again.data).toEqual({ n: 2 });
  });
});
