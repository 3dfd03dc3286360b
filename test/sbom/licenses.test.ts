import { describe, expect, it } from 'vitest';
import { isCompoundExpression, isSpdxExpression, joinConjunction, licenseRefFor, splitConjunction, stripOuterParens } from '../../src/sbom/licenses.js';

describe('license expressions', () => {
  it('tells valid SPDX expressions from free text', () => {
    for (const ok of ['MIT', 'GPL-2.0+', 'LicenseRef-foo', 'MIT OR Apache-2.0', '(MIT AND BSD-2-Clause) OR GPL-3.0-only', 'GPL-2.0-or-later WITH Classpath-exception-2.0']) {
      expect(isSpdxExpression(ok)).toBe(true);
    }
    for (const bad of ['', '   ', 'GPLv3+', 'Public Domain', 'ASL 2.0', 'MIT and BSD', '(MIT', 'mit']) expect(isSpdxExpression(bad)).toBe(false);
    expect(isCompoundExpression('MIT')).toBe(false);
    expect(isCompoundExpression('GPL-2.0-only WITH Classpath-exception-2.0')).toBe(false);
    expect(isCompoundExpression('MIT OR GPL-2.0-only')).toBe(true);
  });

  it('joins terms with AND so that splitting gives exactly the same terms back', () => {
    const cases: string[][] = [
      ['MIT'],
      ['MIT', 'BSD-3-Clause'],
      ['MIT OR Apache-2.0'],
      ['MPL-2.0 AND MIT'],
      ['MIT', 'BSD-3-Clause OR GPL-2.0-only'],
      ['(MIT)', 'GPL-2.0-or-later WITH GCC-exception-2.0'],
      ['(MIT AND BSD-2-Clause) OR GPL-3.0-only', 'Zlib AND (Apache-2.0 OR MIT)'],
      ['(MIT) OR (Apache-2.0)', 'LicenseRef-x'],
    ];
    for (const terms of cases) {
      const joined = joinConjunction(terms);
      expect(isSpdxExpression(joined), joined).toBe(true);
      expect(splitConjunction(joined), joined).toEqual(terms);
    }
    expect(joinConjunction(['MIT', 'BSD-3-Clause OR GPL-2.0-only'])).toBe('MIT AND (BSD-3-Clause OR GPL-2.0-only)');
    expect(joinConjunction(['MPL-2.0 AND MIT'])).toBe('(MPL-2.0 AND MIT)');
  });

  it('splits other tools\' expressions at top-level ANDs only', () => {
    expect(splitConjunction('MIT AND (BSD-2-Clause OR Apache-2.0) AND Zlib')).toEqual(['MIT', 'BSD-2-Clause OR Apache-2.0', 'Zlib']);
    expect(splitConjunction('GPLv2 and BSD')).toEqual(['GPLv2 and BSD']);
    expect(splitConjunction('MIT OR Apache-2.0')).toEqual(['MIT OR Apache-2.0']);
    expect(stripOuterParens('(A) OR (B)')).toBe('(A) OR (B)');
    expect(stripOuterParens(' (A OR B) ')).toBe('A OR B');
  });

  it('makes LicenseRef ids of only [A-Za-z0-9.-], distinct for distinct texts', () => {
    expect(licenseRefFor('Artistic')).toBe('LicenseRef-Artistic');
    const texts = ['GPLv3+', 'GPLv3', 'GPLv3 ', 'Public Domain', 'Public-Domain', '(GPL+ or Artistic) and BSD', '©', ''];
    const ids = texts.map(licenseRefFor);
    for (const id of ids) expect(id).toMatch(/^LicenseRef-[A-Za-z0-9.-]+$/);
    expect(new Set(ids).size).toBe(texts.length);
  });
});
