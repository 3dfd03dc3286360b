import { describe, expect, it } from 'vitest';
import { messagesOf, spansOf } from './instruction-helper.js';

describe('DL3021 several sources need a directory destination', () => {
  it.each<[string, string[]]>([
    ['FROM alpine:3.20\nCOPY a b c\n', ['2:10-2:11']],
    ['FROM alpine:3.20\nCOPY a b "c"\n', ['2:10-2:13']],
    ['FROM alpine:3.20\nCOPY ["a", "b", "c"]\n', ['2:17-2:20']],
    ['FROM alpine:3.20\nCOPY <<A <<B /etc/x\nfoo\nA\nbar\nB\n', ['2:14-2:20']],
    ['FROM alpine:3.20\nONBUILD COPY a b /c\n', ['2:18-2:20']],
    ['# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a b C:\\app\n', ['3:10-3:16']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3021', text)).toEqual(spans);
  });

  it('names ADD in the message for ADD', async () => {
    expect(await messagesOf('DL3021', 'FROM alpine:3.20\nADD a b /c\n')).toEqual(['ADD with more than 2 arguments requires the last argument to end with /']);
    expect(await messagesOf('DL3021', 'FROM alpine:3.20\nCOPY a b /c\n')).toEqual(['COPY with more than 2 arguments requires the last argument to end with /']);
  });

  it.each([
    'FROM alpine:3.20\nCOPY foo bar\n',
    'FROM alpine:3.20\nCOPY a b c/\n',
    'FROM alpine:3.20\nCOPY a b "c/"\n',
    'FROM alpine:3.20\nCOPY ["a", "b", "c/"]\n',
    'FROM alpine:3.20\nCOPY a b $DEST\n',
    // Windows (a trailing backslash needs another escape character, else it continues the line).
    '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a b C:\\app\\\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3021', text)).toEqual([]);
  });
});
