/**
 * The line search the matcher runs on the DB's stored equality keys, checked against the obvious
 * split-based answer on generated texts (empty lines, a searched line that is a prefix/suffix of
 * others, at the start and the end).
 */
import { describe, expect, it } from 'vitest';
import { equalLines, lineCount } from '../../src/matching/key-lines.js';

function reference(text: string, line: string): number[] {
  return text.split('\n').flatMap((l, i) => (l === line ? [i] : []));
}

describe('key lines', () => {
  it('agrees with split on generated texts', () => {
    const pieces = ['', '1', '1.2', '2', '11', '1.2.3', '21', '12'];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let checked = 0;
    for (let t = 0; t < 2000; t++) {
      const lines = Array.from({ length: 1 + next(8) }, () => pieces[next(pieces.length)] as string);
      const text = lines.join('\n');
      expect(lineCount(text)).toBe(lines.length);
      for (const p of pieces) {
        expect(equalLines(text, p), `${JSON.stringify(text)} / ${JSON.stringify(p)}`).toEqual(reference(text, p));
        checked++;
      }
    }
    expect(checked).toBe(16000);
  });

  it('plain cases', () => {
    expect(equalLines('1.2\n1\n1.2.3\n1', '1')).toEqual([1, 3]);
    expect(equalLines('11\n1', '1')).toEqual([1]);
    expect(equalLines('', '')).toEqual([0]);
    expect(equalLines('\n', '')).toEqual([0, 1]);
    expect(equalLines('2', '1')).toEqual([]);
    expect(lineCount('')).toBe(1);
    expect(lineCount('a\n')).toBe(2);
  });
});
