import { describe, expect, it } from 'vitest';
import { portOutOfRange } from '../../../src/lint/rules/DL3011.js';
import { spansOf } from './instruction-helper.js';

describe('DL3011 port range', () => {
  it.each<[string, string[]]>([
    ['FROM alpine:3.20\nEXPOSE 80000\n', ['2:8-2:13']],
    ['FROM alpine:3.20\nEXPOSE 80 65536/udp 443\n', ['2:11-2:20']],
    ['FROM alpine:3.20\nEXPOSE 40000-80000/tcp\n', ['2:8-2:23']],
    ['FROM alpine:3.20\nEXPOSE ${P}-99999\n', ['2:8-2:18']],
    ['FROM alpine:3.20\nONBUILD EXPOSE 70000\n', ['2:16-2:21']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3011', text)).toEqual(spans);
  });

  it.each([
    'FROM alpine:3.20\nEXPOSE 60000\n',
    'FROM alpine:3.20\nEXPOSE 0 65535/tcp\n',
    'FROM alpine:3.20\nEXPOSE ${FOOBAR}\n',
    'FROM alpine:3.20\nEXPOSE 40000-60000/udp\n',
    'FROM alpine:3.20\nEXPOSE 40000-${FOOBAR}\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3011', text)).toEqual([]);
  });

  it.each<[string, boolean]>([
    ['65535', false],
    ['65536', true],
    ['080', false],
    ['1-70000/sctp', true],
    ['$PORT', false],
    ['999999999999999999999', true],
  ])('portOutOfRange(%j) = %j', (spec, out) => {
    expect(portOutOfRange(spec)).toBe(out);
  });
});
