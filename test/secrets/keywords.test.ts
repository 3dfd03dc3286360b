/**
 * The one-pass keyword prefilter (Aho–Corasick DFA, two interleaved streams) against a naive search:
 * every occurrence of every keyword, case-insensitively, including keywords that straddle the point
 * where the second stream starts.
 */
import { describe, expect, it } from 'vitest';
import { KeywordMatcher } from '../../src/secrets/keywords.js';
import { prng } from '../helpers/prng.js';

/** Occurrences found by the matcher, as sorted `end:keyword` strings. */
function found(m: KeywordMatcher, text: Buffer): string[] {
  const hits = m.scan(text);
  const out: string[] = [];
  for (let i = 0; i < hits.count; i++) {
    for (const k of m.keywordsAt(hits.states[i] ?? 0)) out.push(`${hits.ends[i]}:${m.keywords[k]}`);
  }
  return out.sort();
}

/** Every occurrence by indexOf on the lower-cased text (after an implicit leading line break). */
function naive(keywords: readonly string[], text: Buffer): string[] {
  const lower = `\n${text.toString('latin1').toLowerCase()}`;
  const out: string[] = [];
  for (const k of keywords) {
    for (let i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) out.push(`${i + k.length - 1}:${k}`);
  }
  return out.sort();
}

const KEYWORDS = ['key', 'akia', 'ghp_', 'xoxb', 'xoxb-', 'oxb', 's.', 'hvs.', 'api', 'apikey', '-----begin', '\ns.'];

describe('KeywordMatcher', () => {
  it('finds every occurrence, overlapping ones included, whatever the case', () => {
    const m = new KeywordMatcher(KEYWORDS);
    const text = Buffer.from('ApiKey=1; XOXB-123 ghp_x AKIA… s.abc hvs.x -----BEGIN RSA');
    expect(found(m, text)).toEqual(naive(KEYWORDS, text));
    expect(found(m, text).some((h) => h.endsWith(':apikey'))).toBe(true);
    expect(found(m, text).some((h) => h.endsWith(':api'))).toBe(true);
  });

  it('a keyword starting with a line break also matches at the start of the text', () => {
    const m = new KeywordMatcher(['\ns.']);
    expect(found(m, Buffer.from('s.token'))).toEqual(['2:\ns.']);
    expect(found(m, Buffer.from('x\ns.token'))).toEqual(['4:\ns.']);
    expect(found(m, Buffer.from('xs.token'))).toEqual([]);
  });

  it('agrees with a naive search on random texts of every size (both streams, their overlap)', () => {
    const rand = prng(0x5ec7e7);
    const alphabet = 'aAkKeEyYiIsS.-_xXoObBgGhHpP \n01';
    const m = new KeywordMatcher(KEYWORDS);
    for (let round = 0; round < 300; round++) {
      const n = Math.floor(rand() * (round < 150 ? 200 : 6000));
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      // plant keywords around the middle, where the second stream starts
      const mid = n >> 1;
      const k = KEYWORDS[Math.floor(rand() * KEYWORDS.length)] ?? 'key';
      s = s.slice(0, Math.max(0, mid - Math.floor(rand() * k.length))) + k.toUpperCase() + s.slice(mid);
      const text = Buffer.from(s, 'latin1');
      expect(found(m, text), `round ${round}`).toEqual(naive(KEYWORDS, text));
    }
  });

  it('matches non-ASCII keywords by their UTF-8 bytes', () => {
    const m = new KeywordMatcher(['clé']);
    expect(found(m, Buffer.from('une CLé secrète', 'utf8'))).toHaveLength(1);
  });

  it('an empty keyword list matches nothing', () => {
    expect(new KeywordMatcher([]).scan(Buffer.from('anything')).count).toBe(0);
  });
});
