/**
 * Allow-lists compiled for the scanner, with gitleaks' semantics (see AllowList in rule.ts).
 */
import { AppError } from '../core/errors.js';
import { KeywordMatcher } from './keywords.js';
import type { AllowList, AllowTarget, Pattern, RuleAllow } from './rule.js';

export interface CompiledAllow {
  readonly and: boolean;
  readonly paths: readonly RegExp[];
  readonly regexes: readonly RegExp[];
  readonly target: AllowTarget;
  readonly stopwords: Stopwords | undefined;
}

/** What an allow-list may look at for one candidate finding; `match` and `line` are computed on demand. */
export interface FindingView {
  readonly secret: string;
  readonly path: string;
  match(): string;
  line(): string;
}

/** Case-insensitive "contains any of these words"; an Aho–Corasick scan once the list is long. */
export class Stopwords {
  private readonly words: readonly string[];
  private readonly matcher: KeywordMatcher | undefined;

  constructor(words: readonly string[]) {
    this.words = [...new Set(words.map((w) => w.toLowerCase()).filter((w) => w !== ''))];
    this.matcher = this.words.length > 16 ? new KeywordMatcher(this.words) : undefined;
  }

  containedIn(s: string): boolean {
    const lower = s.toLowerCase();
    if (this.matcher !== undefined) return this.matcher.scan(Buffer.from(lower, 'latin1')).count > 0;
    return this.words.some((w) => lower.includes(w));
  }
}

export function compileRegex(source: string, flags: string, who: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new AppError('INPUT', `${who}: invalid regular expression ${JSON.stringify(source)}: ${(err as Error).message}`);
  }
}

function compilePattern(p: Pattern, who: string): RegExp {
  return typeof p === 'string' ? compileRegex(p, '', who) : new RegExp(p.source, p.flags.replace(/[gy]/g, ''));
}

export function compileAllow(a: AllowList, who: string): CompiledAllow {
  const paths = (a.paths ?? []).map((p) => compilePattern(p, `${who}: allow-list path`));
  const regexes = (a.regexes ?? []).map((r) => compilePattern(r, `${who}: allow-list regex`));
  const stopwords = a.stopwords !== undefined && a.stopwords.length > 0 ? new Stopwords(a.stopwords) : undefined;
  if (paths.length === 0 && regexes.length === 0 && stopwords === undefined) {
    throw new AppError('INPUT', `${who}: an allow-list needs at least one of paths, regexes or stopwords`);
  }
  return { and: a.condition === 'and', paths, regexes, target: a.target ?? 'secret', stopwords };
}

/** The short built-in form → gitleaks allow-lists (each kind on its own, so any one of them allows). */
export function expandRuleAllow(a: RuleAllow | undefined): AllowList[] {
  if (a === undefined) return [];
  const out: AllowList[] = [];
  if (a.paths?.length) out.push({ paths: a.paths });
  if (a.values?.length || a.stopwords?.length) out.push({ regexes: a.values ?? [], stopwords: a.stopwords ?? [] });
  if (a.matches?.length) out.push({ regexes: a.matches, target: 'match' });
  if (a.lines?.length) out.push({ regexes: a.lines, target: 'line' });
  return out;
}

/** Is the whole file exempt (an 'or' list whose path matches, or an 'and' list made of paths only)? */
export function fileAllowed(allows: readonly CompiledAllow[], path: string): boolean {
  for (const a of allows) {
    if (a.paths.length === 0) continue;
    const pathHit = a.paths.some((re) => re.test(path));
    if (!a.and && pathHit) return true;
    if (a.and && pathHit && a.regexes.length === 0 && a.stopwords === undefined) return true;
  }
  return false;
}

/** Is this finding allowed by one of the lists? (Path-only checks were done per file.) */
export function findingAllowed(allows: readonly CompiledAllow[], f: FindingView): boolean {
  for (const a of allows) {
    const target = (): string => (a.target === 'match' ? f.match() : a.target === 'line' ? f.line() : f.secret);
    if (!a.and) {
      if (a.regexes.length > 0 && f.secret !== '' && a.regexes.some((re) => re.test(target()))) return true;
      if (a.stopwords !== undefined && a.stopwords.containedIn(f.secret)) return true;
      continue;
    }
    if (a.paths.length > 0 && !a.paths.some((re) => re.test(f.path))) continue;
    if (a.regexes.length > 0 && !a.regexes.some((re) => re.test(target()))) continue;
    if (a.stopwords !== undefined && !a.stopwords.containedIn(f.secret)) continue;
    return true;
  }
  return false;
}
