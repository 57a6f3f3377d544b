/**
 * Checks a value against a Bot API type from the spec. Top-level parameters may arrive as strings
 * (multipart/form-data and query strings carry only strings, and Telegram converts them), so at
 * the top level "42" is an Integer and a JSON string is an object; inside objects types are strict.
 */
import type { FieldSpec, SpecIndex, TypeRef } from "./spec-index.js";

const INT = /^-?\d+$/;
const FLOAT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** JSON-decodes a top-level string parameter that should hold an object or array. */
export function decodeJsonParam(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try { return JSON.parse(v) as unknown; } catch { return undefined; }
}

/** Length in the unit the spec states: UTF-16 code units ("characters", as Telegram counts) or UTF-8 bytes. */
export const measure = (s: string, unit: "c" | "b"): number => (unit === "b" ? Buffer.byteLength(s, "utf8") : s.length);

function matches(index: SpecIndex, v: unknown, t: TypeRef, top: boolean): string | null {
  switch (t.kind) {
    case "prim":
      switch (t.name) {
        case "Integer": return (typeof v === "number" && Number.isInteger(v)) || (top && typeof v === "string" && INT.test(v)) ? null : "type";
        case "Float": return typeof v === "number" || (top && typeof v === "string" && FLOAT.test(v)) ? null : "type";
        case "Boolean": return typeof v === "boolean" || (top && (v === "true" || v === "false")) ? null : "type";
        case "True": return v === true || (top && v === "true") ? null : "type";
        case "String": return typeof v === "string" ? null : "type";
        case "InputFile": return typeof v === "string" || isPlainObject(v) || (typeof v === "object" && v !== null) ? null : "type";
      }
      return "type";
    case "array": {
      const arr = top ? decodeJsonParam(v) : v;
      if (!Array.isArray(arr)) return "type";
      for (const item of arr) {
        const err = checkTypes(index, item, [t.of], false);
        if (err !== null) return err;
      }
      return null;
    }
    case "object":
      return checkObject(index, top ? decodeJsonParam(v) : v, t.name);
  }
}

/** null when `v` is one of `types`; "type" for a plain mismatch; otherwise a nested error message. */
export function checkTypes(index: SpecIndex, v: unknown, types: TypeRef[], top: boolean): string | null {
  let first: string | null = "type";
  for (const t of types) {
    const err = matches(index, v, t, top);
    if (err === null) return null;
    if (first === "type") first = err;
  }
  return first;
}

/** Checks an object against a spec type: required fields, field types, stated lengths. */
export function checkObject(index: SpecIndex, v: unknown, typeName: string): string | null {
  const spec = index.types.get(typeName);
  if (!isPlainObject(v)) return "type";
  if (spec === undefined) return null;
  if (spec.subtypes.length > 0) {
    let first: string | null = null;
    for (const sub of spec.subtypes) {
      const err = checkObject(index, v, sub);
      if (err === null) return null;
      first ??= err;
    }
    return first;
  }
  for (const f of spec.fields) {
    const err = checkField(index, f, v[f.name], typeName);
    if (err !== null) return err;
  }
  return null;
}

function checkField(index: SpecIndex, f: FieldSpec, value: unknown, owner: string): string | null {
  if (value === undefined || value === null) return f.required ? `Field "${f.name}" of ${owner} must be specified` : null;
  const err = checkTypes(index, value, f.types, false);
  if (err === "type") return `Field "${f.name}" of ${owner} must be of type ${f.typeText}`;
  if (err !== null) return err;
  if (f.length && typeof value === "string") {
    const len = measure(value, f.length.unit);
    if (len < f.length.min || len > f.length.max) return `Field "${f.name}" of ${owner} must be ${f.length.min}-${f.length.max} ${f.length.unit === "b" ? "bytes" : "characters"} long`;
  }
  return null;
}
