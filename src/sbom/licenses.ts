import { createHash } from 'node:crypto';
import parse from 'spdx-expression-parse';

/**
 * License strings as packages declare them, mapped to SPDX license expressions and back.
 *
 * A package may declare several licenses (a Debian copyright file lists one per file set). Both
 * formats want one expression per package where expressions are involved, so the terms are joined
 * with AND — compound terms in parentheses — and the readers split a top-level AND again. A single
 * term that itself has a top-level AND is parenthesised so it reads back as one term.
 */

/** Is the text a valid SPDX license expression (ids from the SPDX list, LicenseRef-..., WITH, AND, OR)? */
export function isSpdxExpression(text: string): boolean {
  if (text.trim() === '' || text.length > 4096) return false;
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A valid expression with more than one license in it (AND / OR at any depth). */
export function isCompoundExpression(text: string): boolean {
  if (!isSpdxExpression(text)) return false;
  return 'conjunction' in parse(text);
}

/** Replace everything inside parentheses by `_`, keeping positions: top-level operators stay visible. */
function maskNested(expr: string): string {
  let depth = 0;
  let out = '';
  for (const ch of expr) {
    if (ch === '(') depth += 1;
    if (depth > 0) out += '_'.repeat(ch.length);
    else out += ch;
    if (ch === ')') depth = Math.max(0, depth - 1);
  }
  return out;
}

function hasTopLevel(expr: string, op: 'AND' | 'OR'): boolean {
  return new RegExp(`\\s${op}\\s`).test(maskNested(expr));
}

/** Drop one pair of parentheses that encloses the whole term. */
export function stripOuterParens(term: string): string {
  const t = term.trim();
  if (!t.startsWith('(') || !t.endsWith(')')) return t;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') depth += 1;
    else if (t[i] === ')') depth -= 1;
    if (depth === 0 && i < t.length - 1) return t; // the first "(" closes before the end
  }
  return t.slice(1, -1).trim();
}

/** Split an expression at its top-level ANDs; each term loses one pair of enclosing parentheses. */
export function splitConjunction(expr: string): string[] {
  const masked = maskNested(expr);
  const terms: string[] = [];
  let start = 0;
  for (const m of masked.matchAll(/\s+AND\s+/g)) {
    terms.push(expr.slice(start, m.index));
    start = m.index + m[0].length;
  }
  terms.push(expr.slice(start));
  return terms.map(stripOuterParens).filter((t) => t !== '');
}

/** Join valid expressions with AND so that `splitConjunction` gives the same terms back. */
export function joinConjunction(terms: readonly string[]): string {
  const wrap = (t: string): string => {
    const compound = hasTopLevel(t, 'AND') || (terms.length > 1 && hasTopLevel(t, 'OR'));
    return compound || (t.startsWith('(') && t.endsWith(')')) ? `(${t})` : t;
  };
  return terms.map(wrap).join(' AND ');
}

/** A LicenseRef id for free-text license names: only [A-Za-z0-9.-], with a hash when the text had to change. */
export function licenseRefFor(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  if (clean === text && clean !== '') return `LicenseRef-${clean}`;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return `LicenseRef-${clean === '' ? 'license' : clean}-${hash}`;
}
