import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSpdxExpression, LEGACY_TO_SPDX, licensesFromDebCopyright, normalizeLicense, spdxForLegacyName } from '../../src/inventory/licenses.js';

describe('legacy license table', () => {
  it('maps only to valid SPDX license ids', () => {
    for (const [legacy, spdx] of Object.entries(LEGACY_TO_SPDX)) {
      expect(isSpdxExpression(spdx), `${legacy} -> ${spdx}`).toBe(true);
      expect(spdx).not.toMatch(/\s/);
      expect(legacy, 'keys are lower-case').toBe(legacy.toLowerCase());
    }
  });

  it('matches names case-insensitively and leaves unknown ones alone', () => {
    expect(spdxForLegacyName('GPL2')).toBe('GPL-2.0-only');
    expect(spdxForLegacyName('gpl-2+')).toBe('GPL-2.0-or-later');
    expect(spdxForLegacyName('Expat')).toBe('MIT');
    expect(spdxForLegacyName('GPL')).toBe('GPL');
    expect(spdxForLegacyName('BSD')).toBe('BSD');
    expect(spdxForLegacyName('Public-Domain')).toBe('Public-Domain');
  });
});

describe('normalizeLicense', () => {
  it.each([
    ['MIT', { licenses: ['MIT'] }],
    ['GPL2', { licenses: ['GPL-2.0-only'], declared: 'GPL2' }],
    ['openssl', { licenses: ['OpenSSL'], declared: 'openssl' }],
    ['( Apache-2.0 OR MIT ) AND MPL-2.0', { licenses: ['( Apache-2.0 OR MIT ) AND MPL-2.0'] }],
    ['GPL-2.0-or-later WITH Classpath-exception-2.0', { licenses: ['GPL-2.0-or-later WITH Classpath-exception-2.0'] }],
    ['GPL-2.0+ OR MIT', { licenses: ['GPL-2.0-or-later OR MIT'], declared: 'GPL-2.0+ OR MIT' }],
    ['(GPL2 OR MIT)', { licenses: ['(GPL-2.0-only OR MIT)'], declared: '(GPL2 OR MIT)' }],
    ['MIT BSD GPL2+', { licenses: ['MIT', 'BSD', 'GPL-2.0-or-later'], declared: 'MIT BSD GPL2+' }],
    ['MIT  ISC', { licenses: ['MIT', 'ISC'], declared: 'MIT ISC' }],
    ['Public-Domain', { licenses: ['Public-Domain'] }],
    ['   ', { licenses: [] }],
  ])('%s', (text, want) => {
    expect(normalizeLicense(text)).toEqual(want);
  });
});

describe('licensesFromDebCopyright on this machine', () => {
  const docs = readdirSync('/usr/share/doc').filter((d) => {
    try {
      return readFileSync(`/usr/share/doc/${d}/copyright`, 'utf8').length > 0;
    } catch {
      return false;
    }
  });

  it('reads every machine-readable copyright file and no free-text one', () => {
    let machineReadable = 0;
    for (const d of docs) {
      const text = readFileSync(`/usr/share/doc/${d}/copyright`, 'utf8');
      const result = licensesFromDebCopyright(text);
      const dep5 = /^Format:\s*\S*(copyright-format|dep5|DEP-5)/i.test(text);
      expect(result !== undefined, d).toBe(dep5);
      if (!result) continue;
      machineReadable++;
      // Every name drydock reports (before mapping) is a License: short name in the file.
      const names = new Set([...text.matchAll(/^License:[ \t]*(.*)$/gm)].flatMap((m) => (m[1] ?? '').split(/\s+or\s+|\s+and\s+|,/i).map((s) => s.replace(/\s+with\s+.*$/i, '').trim())));
      for (const n of (result.declared ?? result.licenses.join(', ')).split(', ').filter((x) => x !== '')) expect(names.has(n), `${d}: ${n}`).toBe(true);
    }
    expect(machineReadable).toBeGreaterThan(50);
  });

  it('ignores licenses that only appear as standalone license texts', () => {
    const text = [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      'Upstream-Name: demo',
      '',
      'Files: *',
      'Copyright: 2024 Someone',
      'License: GPL-2+ with OpenSSL exception or Expat',
      '',
      'Files: debian/*',
      'Copyright: 2024 Packager',
      'License: BSD-3-clause',
      '',
      'License: GPL-2+',
      ' The full text of the GPL.',
      '',
      'License: Apache-2.0',
      ' Text of a license no Files paragraph uses.',
      '',
    ].join('\n');
    expect(licensesFromDebCopyright(text)).toEqual({ licenses: ['BSD-3-Clause', 'GPL-2.0-or-later', 'MIT'], declared: 'BSD-3-clause, Expat, GPL-2+' });
  });
});
