import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/lint/dockerfile/parse.js';
import { isEnvOrLabel } from '../../../src/lint/dockerfile/guards.js';
import { applyFixes, spansOf } from './instruction-helper.js';

/** The value BuildKit gives the `maintainer` label of a Dockerfile. */
function maintainerLabel(text: string): string | undefined {
  for (const i of parseDockerfile(text).instructions) {
    if (i.keyword === 'LABEL' && isEnvOrLabel(i)) return i.pairs.find((p) => p.key.value === 'maintainer')?.value?.value;
  }
  return undefined;
}

describe('DL4000 MAINTAINER', () => {
  it.each<[string, string[]]>([
    ['FROM busybox:1.36\nMAINTAINER hudu@mail.com\n', ['2:1-2:11']],
    ['MAINTAINER Lukas\nFROM DEBIAN\n', ['1:1-1:11']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL4000', text)).toEqual(spans);
  });

  it.each(['FROM debian:12\n', 'FROM debian:12\nLABEL maintainer="x"\n'])('catches not %j', async (text) => {
    expect(await spansOf('DL4000', text)).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['FROM busybox:1.36\nMAINTAINER hudu@mail.com\n', 'FROM busybox:1.36\nLABEL maintainer="hudu@mail.com"\n', 'hudu@mail.com'],
    ['FROM busybox:1.36\nmaintainer Lukas  \n', 'FROM busybox:1.36\nlabel maintainer="Lukas"  \n', 'Lukas'],
    ['FROM busybox:1.36\nMAINTAINER "Jane Doe" <jane@example.com>\n', 'FROM busybox:1.36\nLABEL maintainer="\\"Jane Doe\\" <jane@example.com>"\n', '"Jane Doe" <jane@example.com>'],
    ['FROM busybox:1.36\nMAINTAINER $USER \\o/\n', 'FROM busybox:1.36\nLABEL maintainer="\\$USER \\\\o/"\n', '$USER \\o/'],
    ['# escape=`\nFROM busybox:1.36\nMAINTAINER a"b`c\n', '# escape=`\nFROM busybox:1.36\nLABEL maintainer="a`"b``c"\n', 'a"b`c'],
  ])('fixes %j', async (text, expected, value) => {
    const r = await applyFixes('DL4000', text);
    expect(r.text).toBe(expected);
    expect(r.remaining).toBe(0);
    // The label holds exactly the MAINTAINER text.
    expect(maintainerLabel(r.text)).toBe(value);
  });

  it('offers no fix for a MAINTAINER continued over lines', async () => {
    const text = 'FROM busybox:1.36\nMAINTAINER Jane \\\n  Doe\n';
    expect(await applyFixes('DL4000', text)).toEqual({ text, fixable: 0, remaining: 1 });
  });
});
