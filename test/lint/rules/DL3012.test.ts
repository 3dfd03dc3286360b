import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3012 multiple HEALTHCHECK', () => {
  it.each<[string, string[]]>([
    ['FROM scratch\nHEALTHCHECK CMD /bin/a\nHEALTHCHECK CMD /bin/b\n', ['3:1-3:12']],
    ['FROM scratch\nHEALTHCHECK NONE\nHEALTHCHECK CMD /a\nhealthcheck CMD /b\n', ['3:1-3:12', '4:1-4:12']],
    ['FROM scratch AS a\nHEALTHCHECK CMD /a\nFROM scratch\nHEALTHCHECK CMD /a\nHEALTHCHECK CMD /b\n', ['5:1-5:12']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3012', text)).toEqual(spans);
  });

  it.each([
    'FROM scratch\n',
    'FROM scratch\nHEALTHCHECK CMD /bin/a\n',
    'FROM scratch\nHEALTHCHECK CMD /bin/a\nFROM scratch\nHEALTHCHECK CMD /bin/b\n',
    // The ONBUILD one is for images built from this one.
    'FROM scratch\nHEALTHCHECK CMD /bin/a\nONBUILD HEALTHCHECK CMD /bin/b\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3012', text)).toEqual([]);
  });
});
