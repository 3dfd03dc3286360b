import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3000 absolute WORKDIR', () => {
  it.each<[string, string[]]>([
    ['FROM alpine:3.20\nWORKDIR app\n', ['2:9-2:12']],
    ['FROM alpine:3.20\nWORKDIR "relative/dir"\n', ['2:9-2:23']],
    ["FROM alpine:3.20\nWORKDIR './x'\n", ['2:9-2:14']],
    ['FROM alpine:3.20\nONBUILD WORKDIR src\n', ['2:17-2:20']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3000', text)).toEqual(spans);
  });

  it.each([
    'FROM alpine:3.20\nWORKDIR /usr/src/app\n',
    'FROM alpine:3.20\nWORKDIR "/usr/local"\n',
    'FROM alpine:3.20\nWORKDIR $HOME/app\n',
    'FROM alpine:3.20\nWORKDIR "${dir}"\n',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\app\n',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR "C:\\"\n',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR c:/app\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3000', text)).toEqual([]);
  });
});
