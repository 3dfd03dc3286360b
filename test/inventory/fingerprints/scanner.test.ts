import { describe, expect, it } from 'vitest';
import { NeedleScanner, type Needle } from '../../../src/inventory/fingerprints/scanner.js';
import { PatternScanner, type TextPattern } from '../../../src/inventory/fingerprints/pattern-scanner.js';
import { prng as rng } from '../../helpers/prng.js';


/** Bytes from a tiny alphabet, so that anchors occur often and overlap. */
function randomBytes(n: number, alphabet: string, next: () => number): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = alphabet.charCodeAt(Math.floor(next() * alphabet.length));
  return out;
}

/** The data cut into chunks: fixed sizes, or random sizes (including empty chunks). */
function chunkings(data: Buffer, next: () => number): Buffer[][] {
  const out: Buffer[][] = [];
  for (const size of [1, 2, 3, 5, 8, 13, 64, data.length]) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
    out.push(chunks);
  }
  for (let k = 0; k < 20; k++) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < data.length; ) {
      const size = Math.floor(next() * 12);
      chunks.push(data.subarray(i, i + size));
      i += size;
    }
    out.push(chunks);
  }
  return out;
}

const key = (needle: number, region: Buffer, at: number): string => `${needle}|${at}|${region.toString('latin1')}`;

/** Every occurrence with its region, read from the whole buffer. */
function reference(data: Buffer, needles: Needle[]): Set<string> {
  const out = new Set<string>();
  needles.forEach((n, i) => {
    for (let at = data.indexOf(n.anchor); at >= 0; at = data.indexOf(n.anchor, at + 1)) {
      const from = Math.max(0, at - n.before);
      out.add(key(i, data.subarray(from, Math.min(data.length, at + n.anchor.length + n.after)), at - from));
    }
  });
  return out;
}

function scan(chunks: Buffer[], needles: Needle[]): Set<string> {
  const out = new Set<string>();
  const s = new NeedleScanner(needles, (i, region, at) => out.add(key(i, region, at)));
  for (const c of chunks) s.push(c);
  s.end();
  return out;
}

describe('NeedleScanner', () => {
  const needles: Needle[] = [
    { anchor: Buffer.from('abba'), before: 3, after: 5, maxHits: 1e9 },
    { anchor: Buffer.from('b\0a'), before: 0, after: 2, maxHits: 1e9 },
    { anchor: Buffer.from('a'), before: 7, after: 0, maxHits: 1e9 },
  ];

  it('finds every occurrence with its whole region, however the stream is cut', () => {
    const next = rng(42);
    for (let round = 0; round < 30; round++) {
      const data = randomBytes(1 + Math.floor(next() * 120), 'ab\0', next);
      const want = reference(data, needles);
      for (const chunks of chunkings(data, next)) expect(scan(chunks, needles)).toEqual(want);
    }
  });

  it('cuts a region short only at the start and the end of the file', () => {
    const data = Buffer.from('abba--------abba');
    const hits = [...scan([data.subarray(0, 5), data.subarray(5)], [{ anchor: Buffer.from('abba'), before: 3, after: 5, maxHits: 9 }])];
    expect(hits.sort()).toEqual(['0|0|abba-----', '0|3|---abba'].sort());
  });

  it('stops looking for a needle after maxHits occurrences', () => {
    let n = 0;
    const s = new NeedleScanner([{ anchor: Buffer.from('x'), before: 0, after: 0, maxHits: 10 }], () => n++);
    s.push(Buffer.alloc(10_000, 'x'));
    s.end();
    expect(n).toBe(10);
  });
});

describe('PatternScanner', () => {
  const patterns: TextPattern[] = [
    // a version at the start of a build id: no digit or dot before it, NUL after it
    { regex: /(?<![\d.])(\d\.\d\.\d[a-c]{3,9})\0/g, maxLength: 15, maxHits: 1e9 },
    // a bare version with a NUL before and after (the one after looked at, not consumed)
    { regex: /\0(\d\.\d)(?=\0)/g, maxLength: 4, maxHits: 1e9 },
  ];

  function values(chunks: Buffer[]): string[] {
    const out = new Set<string>();
    const s = new PatternScanner(patterns, (i, m) => out.add(`${i}:${m[1]}`));
    for (const c of chunks) s.push(c);
    s.end();
    return [...out].sort();
  }

  function whole(data: Buffer): string[] {
    const text = data.toString('latin1');
    const out = new Set<string>();
    patterns.forEach((p, i) => {
      for (const m of text.matchAll(new RegExp(p.regex.source, 'g'))) out.add(`${i}:${m[1]}`);
    });
    return [...out].sort();
  }

  it('finds exactly what a regex over the whole file finds, however the stream is cut', () => {
    const next = rng(7);
    for (let round = 0; round < 40; round++) {
      const data = randomBytes(1 + Math.floor(next() * 150), '1.7\0abc', next);
      const want = whole(data);
      for (const chunks of chunkings(data, next)) expect(values(chunks)).toEqual(want);
    }
  });

  it('never matches the cut-off tail of a longer string at a chunk boundary', () => {
    // "17.0.1abc": the look-behind must see the "1" even when the chunk starts at the "7"
    // (the second one is exactly as long as the longest match: the carried text must be longer)
    for (const data of [Buffer.from('\x0017.0.1abcdef\0\x001.2\0'), Buffer.from('\x0017.0.1abcabcabc\0\x001.2\0')]) {
      expect(whole(data)).toEqual(['1:1.2']);
      for (let cut = 1; cut < data.length; cut++) expect(values([data.subarray(0, cut), data.subarray(cut)])).toEqual(['1:1.2']);
    }
  });
});
