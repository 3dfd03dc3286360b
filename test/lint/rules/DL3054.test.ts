import { describe, expect, it } from 'vitest';
import { isSpdx } from '../../../src/lint/rules/instructions/label-formats.js';
import { messagesOf, spansOf } from './instruction-helper.js';

const opts = { rule: { labelSchema: new Map([['spdxlabel', 'spdx']]) } };

describe('DL3054 SPDX label', () => {
  it.each<[string, string[]]>([
    ['LABEL spdxlabel="not-spdx"\n', ['1:17-1:27']],
    ['LABEL spdxlabel=mit\n', ['1:17-1:20']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3054', text, opts)).toEqual(spans);
  });

  it('names the label', async () => {
    expect(await messagesOf('DL3054', 'LABEL spdxlabel=x\n', opts)).toEqual(['Label `spdxlabel` is not a valid SPDX identifier.']);
  });

  it.each([
    'LABEL spdxlabel="BSD-3-Clause"\n',
    'LABEL spdxlabel="MIT"\n',
    // OCI's org.opencontainers.image.licenses is an SPDX expression (Hadolint accepts single ids only).
    'LABEL spdxlabel="Apache-2.0 OR MIT"\n',
    'LABEL other="fooo"\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3054', text, opts)).toEqual([]);
  });

  it.each<[string, boolean]>([
    ['MIT', true],
    ['GPL-2.0-or-later', true],
    ['GPL-2.0+', true],
    ['(MIT AND BSD-2-Clause) OR Apache-2.0 WITH LLVM-exception', true],
    ['LicenseRef-Proprietary', true],
    ['mit', false],
    ['MIT OR', false],
    ['NOASSERTION', false],
    ['', false],
    ['  ', false],
  ])('isSpdx(%j) = %j', (v, ok) => {
    expect(isSpdx(v)).toBe(ok);
  });
});
