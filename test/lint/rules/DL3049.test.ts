import { describe, expect, it } from 'vitest';
import { messagesOf, spansOf } from './instruction-helper.js';

const schema = (...names: string[]) => ({ rule: { labelSchema: new Map(names.map((n) => [n, 'text'])) } });
const maintainer = schema('maintainer');

describe('DL3049 missing label', () => {
  it.each<[string, string[]]>([
    ['FROM alpine:3.20\n', ['1:1-1:5']],
    ['FROM alpine:3.20\nLABEL other=x\n', ['1:1-1:5']],
    ['FROM alpine:3.20 AS base\nFROM base\n', ['1:1-1:5', '2:1-2:5']],
    ['FROM alpine:3.20\nLABEL maintainer=me\nFROM alpine:3.20\n', ['3:1-3:5']],
    // ONBUILD labels label later images only.
    ['FROM alpine:3.20\nONBUILD LABEL maintainer=me\n', ['1:1-1:5']],
    // `base` and `mid` are bases of a labelled stage; the last stage is not.
    ['FROM alpine:3.20 AS base\nFROM base AS mid\nFROM mid\nLABEL maintainer=x\nFROM base\n', ['5:1-5:5']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3049', text, maintainer)).toEqual(spans);
  });

  it('reports each missing label by name', async () => {
    const text = 'FROM alpine:3.20\nLABEL maintainer=me\n';
    expect(await messagesOf('DL3049', text, schema('maintainer', 'version', 'org.opencontainers.image.source'))).toEqual([
      'Label `version` is missing.',
      'Label `org.opencontainers.image.source` is missing.',
    ]);
  });

  it.each([
    'FROM alpine:3.20\nLABEL maintainer="me"\n',
    'FROM alpine:3.20 AS base\nLABEL maintainer=me\nFROM base\n',
    'FROM alpine:3.20 AS base\nFROM base\nLABEL maintainer=me\n',
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nLABEL maintainer=me\nCOPY --from=build /out /out\n',
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nLABEL maintainer=me\nCOPY --from=0 /out /out\n',
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nLABEL maintainer=me\nRUN --mount=from=build,target=/b cp /b/x /x\n',
    'LABEL maintainer=me\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3049', text, maintainer)).toEqual([]);
  });

  it('is inactive without a label schema', async () => {
    expect(await spansOf('DL3049', 'FROM alpine:3.20\n')).toEqual([]);
  });
});
