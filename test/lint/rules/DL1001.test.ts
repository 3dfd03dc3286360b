import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

const on = { overrides: { DL1001: 'info' as const } };

describe('DL1001 inline ignore pragmas', () => {
  it.each<[string, string[]]>([
    ['FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\n', ['2:1-2:25']],
    ['FROM debian:12\n# drydock ignore=DD001,DL3008\nRUN true\n', ['2:1-2:30']],
    ['FROM debian:12\n  #hadolint ignore=DL3008 # why\nRUN true\n# hadolint ignore=DL3059\n', ['2:3-2:32', '4:1-4:25']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL1001', text, on)).toEqual(spans);
  });

  it.each([
    'FROM debian:12\n# hadolint global ignore=DL3008\nRUN true\n',
    '# hadolint stage ignore=DL3008\nFROM debian:12\n',
    '# hadolint shell=powershell\nFROM debian:12\n',
    'FROM debian:12\n# hadolint ignore=crazy,DL3002\nUSER root\n',
    'FROM debian:12\n# just a comment about hadolint\nRUN true\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL1001', text, on)).toEqual([]);
  });

  it('is off by default', async () => {
    expect(await spansOf('DL1001', 'FROM debian:12\n# hadolint ignore=DL3008\nRUN true\n')).toEqual([]);
  });
});
