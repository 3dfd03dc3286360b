/**
 * Small readers for untrusted JSON (VEX documents): each returns undefined for a value of the wrong
 * type, so callers decide whether that is an error, a warning, or simply absent.
 */
export type JsonObject = Record<string, unknown>;

export function obj(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function arr(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** The strings of an array (other entries dropped); [] for a non-array. */
export function strings(v: unknown): string[] {
  return (arr(v) ?? []).filter((x): x is string => typeof x === 'string' && x !== '');
}

/** Epoch ms of an ISO 8601 timestamp, or undefined. */
export function time(v: unknown): number | undefined {
  const s = str(v);
  if (s === undefined || !/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
