/**
 * `RUN --mount=...` values: a CSV record (fields separated by `,`, `"…"` quoting with `""` for a quote)
 * of `key=value` fields and a few bare keys (`ro`, `rw`, `readonly`, `readwrite`, `required`). Keys are
 * case-insensitive; `type` defaults to `bind`; `target`, `dst` and `destination` name the mount point.
 */
import type { Flag, Mount, ParseWarning } from './ast.js';

export const MOUNT_TYPES: ReadonlySet<string> = new Set(['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
const BARE_KEYS: ReadonlySet<string> = new Set(['ro', 'rw', 'readonly', 'readwrite', 'required']);
const TARGET_KEYS = ['target', 'dst', 'destination'] as const;

/** Splits one CSV record. */
export function csvFields(value: string): string[] {
  const out: string[] = [];
  const n = value.length;
  let i = 0;
  for (;;) {
    if (i < n && value.charCodeAt(i) === 34) {
      const parts: string[] = [];
      let s = ++i;
      while (i < n) {
        if (value.charCodeAt(i) === 34) {
          parts.push(value.slice(s, i));
          if (value.charCodeAt(i + 1) === 34) {
            parts.push('"');
            i += 2;
            s = i;
            continue;
          }
          i++;
          s = -1;
          break;
        }
        i++;
      }
      if (s >= 0) parts.push(value.slice(s, i)); // unterminated: to the end
      // Anything between the closing quote and the next comma is kept (lenient).
      const comma = value.indexOf(',', i);
      const tail = comma < 0 ? value.slice(i) : value.slice(i, comma);
      out.push(parts.join('') + tail);
      if (comma < 0) return out;
      i = comma + 1;
    } else {
      const comma = value.indexOf(',', i);
      out.push(comma < 0 ? value.slice(i) : value.slice(i, comma));
      if (comma < 0) return out;
      i = comma + 1;
    }
  }
}

/** Parses one `--mount` flag; problems go to `warnings`. */
export function parseMount(flag: Flag, warnings: ParseWarning[]): Mount {
  const options = new Map<string, string | undefined>();
  for (const field of csvFields(flag.value ?? '')) {
    if (field === '') continue;
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0 && !BARE_KEYS.has(key)) {
      warnings.push({ message: `invalid mount field '${field}': must be a key=value pair`, span: flag.span });
    }
    options.set(key, eq < 0 ? undefined : field.slice(eq + 1));
  }
  const typeValue = options.get('type');
  const type = typeValue === undefined ? 'bind' : typeValue.toLowerCase();
  if (!MOUNT_TYPES.has(type)) warnings.push({ message: `unsupported mount type '${type}'`, span: flag.span });
  let target: string | undefined;
  for (const k of TARGET_KEYS) {
    const v = options.get(k);
    if (v !== undefined) target = v;
  }
  if (target === undefined && (type === 'bind' || type === 'cache' || type === 'tmpfs')) {
    warnings.push({ message: `mount of type ${type} needs a target`, span: flag.span });
  }
  return { type, options, target, span: flag.span };
}
