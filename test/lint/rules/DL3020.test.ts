import { describe, expect, it } from 'vitest';
import { applyFixes, spansOf } from './instruction-helper.js';

describe('DL3020 ADD for local files', () => {
  it.each<[string, string[]]>([
    ['FROM alpine:3.20\nADD app.py /app/\n', ['2:1-2:4']],
    ['FROM alpine:3.20\nADD file.zip /x/\n', ['2:1-2:4']],
    ['FROM alpine:3.20\nADD a.tar b.txt /x/\n', ['2:1-2:4']],
    ['FROM alpine:3.20\nONBUILD ADD conf /etc/conf\n', ['2:9-2:12']],
    ['FROM alpine:3.20\nADD ${SRC} app.py /x/\n', ['2:1-2:4']],
    ['FROM alpine:3.20\nADD "file.zip" /x/\n', ['2:1-2:4']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3020', text)).toEqual(spans);
  });

  it.each([
    'FROM alpine:3.20\nADD file.tar /x/\n',
    'FROM alpine:3.20\nADD "file.tgz" /x/\n',
    'FROM alpine:3.20\nADD rootfs.tar.xz rootfs.tar.zst /\n',
    'FROM alpine:3.20\nADD https://example.com/tool /usr/bin/tool\n',
    'FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src\n',
    'FROM alpine:3.20\nADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.14.0 /src\n',
    'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a /a\n',
    'FROM alpine:3.20\nCOPY app.py /app/\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3020', text)).toEqual([]);
  });

  it.each<[string, string]>([
    ['FROM alpine:3.20\nADD app.py /app/\n', 'FROM alpine:3.20\nCOPY app.py /app/\n'],
    ['from alpine:3.20\nadd --chown=1:1 --link src/ /app/\n', 'from alpine:3.20\ncopy --chown=1:1 --link src/ /app/\n'],
    ['FROM alpine:3.20\nONBUILD ADD conf /etc/conf\n', 'FROM alpine:3.20\nONBUILD COPY conf /etc/conf\n'],
    ['FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\nADD a b /c/\n', 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\nCOPY a b /c/\n'],
  ])('fixes %j', async (text, expected) => {
    const r = await applyFixes('DL3020', text);
    expect(r.text).toBe(expected);
    expect(r.remaining).toBe(0);
  });

  it.each([
    // COPY would not unpack the archive, nor expand what the variable holds.
    'FROM alpine:3.20\nADD a.tar b.txt /x/\n',
    'FROM alpine:3.20\nADD ${SRC} app.py /x/\n',
  ])('offers no fix for %j', async (text) => {
    const r = await applyFixes('DL3020', text);
    expect(r).toEqual({ text, fixable: 0, remaining: 1 });
  });
});

describe('DL3020 and variables', () => {
  it('does not claim COPY would do for a source named by a variable (it may be an archive ADD unpacks)', async () => {
    expect(await spansOf('DL3020', 'FROM scratch\nARG ROOTFS\nADD ${ROOTFS} /\n')).toEqual([]);
    expect(await spansOf('DL3020', 'FROM scratch\nARG ROOTFS\nADD $ROOTFS app.py /\n')).toEqual(['3:1-3:4']);
  });
});
