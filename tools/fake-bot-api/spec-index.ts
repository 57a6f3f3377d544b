/**
 * The Bot API spec (spec.json, produced by extract-spec.ts) compiled once into lookup tables, so a
 * call is checked with map look-ups and no string parsing on the hot path.
 */
import { readFileSync } from "node:fs";
import type { CompactSpec, SpecField } from "./extract-spec.js";

export type TypeRef =
  | { kind: "prim"; name: "Integer" | "Float" | "String" | "Boolean" | "True" | "InputFile" }
  | { kind: "array"; of: TypeRef }
  | { kind: "object"; name: string };

export interface FieldSpec {
  name: string;
  types: TypeRef[];
  /** the spec's type names, for error messages ("Integer or String") */
  typeText: string;
  required: boolean;
  length?: { min: number; max: number; unit: "c" | "b" };
}

export interface ObjectSpec {
  name: string;
  fields: FieldSpec[];
  byName: Map<string, FieldSpec>;
  subtypes: string[];
}

export interface MethodSpec {
  name: string;
  fields: FieldSpec[];
  byName: Map<string, FieldSpec>;
  returns: string[];
}

export interface SpecIndex {
  version: string;
  /** exact method name → spec; the Bot API also accepts any letter case, see `findMethod` */
  methods: Map<string, MethodSpec>;
  lowerCase: Map<string, MethodSpec>;
  types: Map<string, ObjectSpec>;
}

const PRIMS = new Set(["Integer", "Float", "String", "Boolean", "True", "InputFile"]);

function parseType(text: string): TypeRef {
  if (text.startsWith("Array of ")) return { kind: "array", of: parseType(text.slice("Array of ".length)) };
  if (PRIMS.has(text)) return { kind: "prim", name: text as "Integer" };
  return { kind: "object", name: text };
}

function compileField(f: SpecField): FieldSpec {
  const spec: FieldSpec = { name: f[0], types: f[1].map(parseType), typeText: f[1].join(" or "), required: f[2] };
  if (f.length === 6) spec.length = { min: f[3], max: f[4], unit: f[5] };
  return spec;
}

function byName(fields: FieldSpec[]): Map<string, FieldSpec> {
  return new Map(fields.map((f) => [f.name, f]));
}

/** Compiles a spec (by default the committed spec.json next to this file). */
export function createSpecIndex(spec?: CompactSpec): SpecIndex {
  const source = spec ?? (JSON.parse(readFileSync(new URL("./spec.json", import.meta.url), "utf8")) as CompactSpec);
  const methods = new Map<string, MethodSpec>();
  const lowerCase = new Map<string, MethodSpec>();
  for (const [name, m] of Object.entries(source.methods)) {
    const fields = m.fields.map(compileField);
    const entry: MethodSpec = { name, fields, byName: byName(fields), returns: m.returns };
    methods.set(name, entry);
    lowerCase.set(name.toLowerCase(), entry);
  }
  const types = new Map<string, ObjectSpec>();
  for (const [name, t] of Object.entries(source.types)) {
    const fields = (t.fields ?? []).map(compileField);
    types.set(name, { name, fields, byName: byName(fields), subtypes: t.subtypes ?? [] });
  }
  return { version: source.version, methods, lowerCase, types };
}

/** Telegram matches method names case-insensitively (`sendmessage` works). */
export function findMethod(index: SpecIndex, method: string): MethodSpec | undefined {
  return index.methods.get(method) ?? index.lowerCase.get(method.toLowerCase());
}
