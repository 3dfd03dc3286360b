/**
 * Edit distance and the "is this a typo of that" predicate behind the typosquat check.
 * The distance is the restricted Damerau–Levenshtein distance (optimal string alignment): insertions,
 * deletions, substitutions and transpositions of adjacent characters each cost 1.
 */

export function damerauLevenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] as number;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/** True when `longer` is `shorter` with one character doubled (`pythonn`, `nginxx`, `allpine`). */
function isDoubling(longer: string, shorter: string): boolean {
  for (let i = 0; i < longer.length; i++) {
    if (longer.slice(0, i) + longer.slice(i + 1) !== shorter) continue;
    if (longer[i] === longer[i - 1] || longer[i] === longer[i + 1]) return true;
  }
  return false;
}

/**
 * Is `candidate` plausibly a mistyped `target`? Thresholds scale with the target's length so short
 * real names one edit apart (mono/mongo, ruby/jruby, rust/ruby, golang/hylang) are not confused:
 *  - shorter than `minLength` (default 4): never;
 *  - one substitution or adjacent transposition: from `minLength` on (`ngnix`, `debain`, `ubunto`);
 *  - one inserted character: a doubled letter from `minLength` on (`pythonn`), any letter from 6 on (`alpline`);
 *  - one deleted character: from 6 on (`pythn`);
 *  - two edits: from 9 on (`elasticsaerch` is fine, `postgres` needs the alias table).
 */
export function isLikelyTypo(candidate: string, target: string, minLength = 4): boolean {
  if (candidate === target || target.length < minLength || Math.abs(candidate.length - target.length) > 2) return false;
  const distance = damerauLevenshtein(candidate, target);
  if (distance === 2) return target.length >= 9;
  if (distance !== 1) return false;
  if (candidate.length === target.length) return true;
  if (candidate.length === target.length + 1) return target.length >= 6 || isDoubling(candidate, target);
  return target.length >= 6;
}

const LOOKALIKE_GROUPS = ['il1', 'o0', 'e3', 'a4', 's5', 'gq9', 'uv', 'b8', 't7', 'z2'];
const lookalike = (a: string, b: string): boolean => LOOKALIKE_GROUPS.some((g) => g.includes(a) && g.includes(b));

/**
 * A stricter predicate for names chosen from a huge space (Docker Hub namespaces, registry hosts,
 * user image names), where one arbitrary substitution hits real names (`rocker` is not `docker`,
 * `acme/base` is not `bash`): only look-alike spellings (`bltnami`, `bitnarni`), adjacent
 * transpositions (`hashicrop`), doubled letters (`chainguardd`), and for targets of 8+ characters a
 * single inserted or deleted character (`distroles`).
 */
export function isLikelySlip(candidate: string, target: string, minLength = 6): boolean {
  if (candidate === target || target.length < minLength || Math.abs(candidate.length - target.length) > 2) return false;
  const squeeze = (x: string): string => x.replace(/[-_.]+/g, '');
  if (squeeze(candidate) === squeeze(target)) return false; // amazon-linux: a naming choice, not a slip
  if (homoglyphVariants(candidate).includes(target)) return true;
  if (damerauLevenshtein(candidate, target) !== 1) return false;
  const c = Array.from(candidate);
  const t = Array.from(target);
  if (c.length === t.length) {
    const diff = c.flatMap((ch, i) => (ch === t[i] ? [] : [i]));
    const [i] = diff;
    if (diff.length === 1 && i !== undefined) return lookalike(c[i] as string, t[i] as string);
    return diff.length === 2; // distance 1 with two differences: an adjacent transposition
  }
  if (c.length === t.length + 1) return isDoubling(candidate, target) || t.length >= 8;
  return t.length >= 8;
}

const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' };

/**
 * Spellings of `name` with look-alike characters replaced (digits for letters, `rn` for `m`, `vv` for
 * `w`); `1` is tried as both `l` and `i`. Only spellings that differ from `name` are returned.
 */
export function homoglyphVariants(name: string): readonly string[] {
  if (lastVariants?.name === name) return lastVariants.variants;
  const base = Array.from(name, (c) => DIGIT_LOOKALIKES[c] ?? c).join('');
  const out = new Set<string>();
  for (const one of ['l', 'i']) {
    const v = base.replaceAll('1', one);
    out.add(v);
    out.add(v.replaceAll('rn', 'm').replaceAll('vv', 'w'));
  }
  out.delete(name);
  lastVariants = { name, variants: [...out] };
  return lastVariants.variants;
}

/** The last answer: the checks ask about the same name once per candidate target. */
let lastVariants: { name: string; variants: readonly string[] } | undefined;
