import { parse, TomlDate, TomlError as SmolTomlError } from 'smol-toml';

/**
 * TOML for lock files (poetry.lock, uv.lock, pylock.toml, pyproject.toml, Cargo.lock), read with
 * smol-toml. Values are plain data: dates become ISO 8601 text, tables have no prototype (so keys such
 * as `__proto__` are plain data), nesting is capped, and errors say where the document broke
 * without quoting it.
 */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = 'TomlError';
  }
}

const MAX_DEPTH = 64;

export function parseToml(text: string): TomlTable {
  let doc: unknown;
  try {
    doc = parse(text.replace(/^\uFEFF/, ''), { maxDepth: MAX_DEPTH, unsafeKeyBehaviour: 'keep' });
  } catch (err) {
    if (err instanceof SmolTomlError) {
      // The library's message ends with a code block of the input; keep only the first line.
      const reason = (err.message.split('\n')[0] ?? 'invalid TOML').replace(/^Invalid TOML document: /, '');
      throw new TomlError(reason, err.line);
    }
    if (err instanceof RangeError) throw new TomlError(`nested more than ${MAX_DEPTH} levels deep`, 0);
    throw err;
  }
  return plain(doc, 0) as TomlTable;
}

function plain(v: unknown, depth: number): TomlValue {
  if (depth > MAX_DEPTH) throw new TomlError(`nested more than ${MAX_DEPTH} levels deep`, 0);
  if (v instanceof TomlDate) return v.toISOString().replace(/\.000(?=Z|[+-]\d|$)/, ''); // no invented milliseconds
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map((x) => plain(x, depth + 1));
  if (v !== null && typeof v === 'object') {
    const out = Object.create(null) as TomlTable;
    for (const [k, x] of Object.entries(v)) out[k] = plain(x, depth + 1);
    return out;
  }
  return v as string | number | boolean;
}
