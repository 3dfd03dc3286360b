import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3010 COPY of an archive then unpacked', () => {
  it.each<[string, string[]]>([
    ['FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n', ['2:6-2:16']],
    // Renamed by the destination; old-style `tar xf`.
    ['FROM debian:12\nCOPY dist/build.tgz /tmp/app.tar\nRUN cd /tmp && tar xf app.tar\n', ['2:21-2:33']],
    ['FROM debian:12\nCOPY data.gz /srv/\nRUN gunzip /srv/data.gz\n', ['2:6-2:13']],
    ['FROM debian:12\nCOPY app.tar /x/\nRUN sh -c \'tar --extract --file=/x/app.tar\'\n', ['2:6-2:13']],
    ['FROM debian:12\nCOPY a.tar b.txt c.tar.xz /x/\nRUN tar -xf /x/c.tar.xz && tar -xf /x/a.tar\n', ['2:6-2:11', '2:18-2:26']],
    ['FROM debian:12\nCOPY a.tar /\nRUN <<EOF\ntar -xf /a.tar\nEOF\n', ['2:6-2:11']],
    // Every stage is looked at (Hadolint only reports the last one).
    ['FROM debian:12 AS a\nCOPY a.tar /\nRUN tar -xf /a.tar\nFROM debian:12\nRUN true\n', ['2:6-2:11']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3010', text)).toEqual(spans);
  });

  it.each([
    'FROM debian:12\nCOPY app.tar /opt/\n',
    'FROM debian:12\nCOPY package.json /app/\nRUN tar -xf package.json\n',
    'FROM debian:12\nCOPY a.tar /\nRUN tar -cf /b.tar /a.tar\n',
    'FROM debian:12\nCOPY a.tar /\nRUN tar --exclude=x -cf out.tar /a.tar\n',
    'FROM debian:12\nCOPY --from=build /out/a.tar /\nRUN tar -xf /a.tar\n',
    'FROM debian:12\nADD a.tar /\nRUN tar -xf /a.tar\n',
    'FROM debian:12\nCOPY a.tar /\nFROM debian:12\nRUN tar -xf /a.tar\n',
    'FROM debian:12\nRUN tar -xf /a.tar\nCOPY a.tar /\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3010', text)).toEqual([]);
  });
});
