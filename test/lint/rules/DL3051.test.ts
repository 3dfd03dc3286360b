import { describe, expect, it } from 'vitest';
import { messagesOf, spansOf } from './instruction-helper.js';

const opts = { rule: { labelSchema: new Map([['emptylabel', 'text']]) } };

describe('DL3051 empty label', () => {
  it.each<[string, string[]]>([
    ['LABEL emptylabel=""\n', ['1:7-1:17']],
    ["LABEL a=1 emptylabel=''\n", ['1:11-1:21']],
    ['LABEL emptylabel=\n', ['1:7-1:17']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3051', text, opts)).toEqual(spans);
  });

  it('names the label', async () => {
    expect(await messagesOf('DL3051', 'LABEL emptylabel=""\n', opts)).toEqual(['label `emptylabel` is empty.']);
  });

  it.each(['LABEL emptylabel="foo"\n', 'LABEL other=""\n', 'LABEL emptylabel=$VALUE\n'])('catches not %j', async (text) => {
    expect(await spansOf('DL3051', text, opts)).toEqual([]);
  });
});
