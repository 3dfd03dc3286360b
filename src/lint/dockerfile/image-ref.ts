/**
 * The image reference of a FROM, split the way Docker's reference parser does: the first path
 * component is a registry when there is a `/` after it and it contains `.` or `:`, is `localhost`, or
 * has upper-case letters; `@digest` ends the reference; `:tag` is after the last `/`. Characters inside
 * an unresolved `${...}` never count as separators.
 */
import type { ImageRef } from './ast.js';
import type { Expanded } from './expand.js';

/** Indices of the separators `/`, `:` and `@` outside `${…}`. */
function separators(s: string): { slashes: number[]; colons: number[]; at: number } {
  const slashes: number[] = [];
  const colons: number[] = [];
  let at = -1;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 36 && s.charCodeAt(i + 1) === 123) {
      depth++;
      i++;
    } else if (depth > 0) {
      if (c === 125) depth--;
    } else if (c === 47) slashes.push(i);
    else if (c === 58) colons.push(i);
    else if (c === 64 && at < 0) at = i;
  }
  return { slashes, colons, at };
}

function isRegistry(component: string): boolean {
  return component === 'localhost' || /[.:]/.test(component) || component !== component.toLowerCase();
}

/** Splits an expanded image reference. */
export function parseImageRef(raw: string, expanded: Expanded): ImageRef {
  const text = expanded.value;
  const { slashes, colons, at } = separators(text);
  const nameEnd = at < 0 ? text.length : at;
  const digest = at < 0 ? undefined : text.slice(at + 1);
  const lastSlash = slashesBefore(slashes, nameEnd);
  let tagColon = -1;
  for (const c of colons) if (c > lastSlash && c < nameEnd) tagColon = c;
  const pathEnd = tagColon < 0 ? nameEnd : tagColon;
  const tag = tagColon < 0 ? undefined : text.slice(tagColon + 1, nameEnd);
  let registry: string | undefined;
  let repoStart = 0;
  const firstSlash = slashes[0];
  if (firstSlash !== undefined && firstSlash < pathEnd) {
    const first = text.slice(0, firstSlash);
    if (isRegistry(stripBraced(first))) {
      registry = first;
      repoStart = firstSlash + 1;
    }
  }
  return {
    raw,
    expanded: text,
    unresolved: expanded.unresolved,
    registry,
    repository: text.slice(repoStart, pathEnd),
    tag,
    digest,
    scratch: text === 'scratch',
  };
}

function slashesBefore(slashes: readonly number[], end: number): number {
  let last = -1;
  for (const s of slashes) if (s < end) last = s;
  return last;
}

/** The text without its unresolved `${…}` / `$NAME` parts (for the registry test); linear, no regex. */
function stripBraced(s: string): string {
  if (s.indexOf('$') < 0) return s;
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 36 && s.charCodeAt(i + 1) === 123) {
      const close = s.indexOf('}', i + 2);
      if (close < 0) return out.join('');
      i = close + 1;
    } else if (c === 36 && /[A-Za-z_]/.test(s[i + 1] ?? '')) {
      i += 2;
      while (i < s.length && /\w/.test(s[i] as string)) i++;
    } else {
      out.push(s[i] as string);
      i++;
    }
  }
  return out.join('');
}
