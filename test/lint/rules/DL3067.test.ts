import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3067 COPY --from of a whole filesystem', () => {
  it.each<[string, string[]]>([
    ['COPY --from=build / /\n', ['1:19-1:20']],
    ['COPY --from=build "/" "/"\n', ['1:19-1:22']],
    ['FROM alpine:3.20\nCOPY --link --from=rootfs / /\n', ['2:27-2:28']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3067', text)).toEqual(spans);
  });

  it.each(['COPY / /\n', 'COPY --from=build /app /\n', 'COPY --from=build / /app\n', 'FROM alpine:3.20\nADD / /\n'])('catches not %j', async (text) => {
    expect(await spansOf('DL3067', text)).toEqual([]);
  });
});
