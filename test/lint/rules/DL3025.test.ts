import { describe, expect, it } from 'vitest';
import { applyFixes, spansOf } from './instruction-helper.js';

describe('DL3025 JSON form for CMD / ENTRYPOINT / HEALTHCHECK', () => {
  it.each<[string, string[]]>([
    ['FROM node:22\nENTRYPOINT something\n', ['2:12-2:21']],
    ['FROM node:22\nCMD npm start\n', ['2:5-2:14']],
    ['HEALTHCHECK CMD foobar\n', ['1:17-1:23']],
    ['FROM node:22\nONBUILD CMD run me\n', ['2:13-2:19']],
    ['FROM node:22\nCMD a && \\\n  b\n', ['2:5-3:4']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3025', text)).toEqual(spans);
  });

  it.each([
    'FROM scratch\nENTRYPOINT ["foo", "bar"]\n',
    'FROM scratch\nCMD ["foo", "bar"]\nCMD [ "foo", "bar" ]\n',
    'HEALTHCHECK CMD [ "foobar" ]\n',
    'FROM scratch\nHEALTHCHECK NONE\n',
    'FROM debian:12\nRUN echo shell form is fine here\n',
    'FROM debian:12\nCMD [ "bash", "-c", \\\n      "echo foo && \\\n       echo bar" \\\n    ]\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3025', text)).toEqual([]);
  });

  it.each<[string, string]>([
    ['FROM node:22\nCMD npm start\n', 'FROM node:22\nCMD ["npm", "start"]\n'],
    ['FROM nginx:1.27\nHEALTHCHECK --interval=5s CMD curl -f http://localhost:8080/health\n', 'FROM nginx:1.27\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost:8080/health"]\n'],
    ['FROM alpine:3.20\nENTRYPOINT /docker-entrypoint.sh --verbose\n', 'FROM alpine:3.20\nENTRYPOINT ["/docker-entrypoint.sh", "--verbose"]\n'],
    ['FROM alpine:3.20\nCMD   java -Xmx512m -jar app.jar  \r\n', 'FROM alpine:3.20\nCMD   ["java", "-Xmx512m", "-jar", "app.jar"]  \r\n'],
  ])('fixes %j', async (text, expected) => {
    const r = await applyFixes('DL3025', text);
    expect(r.text).toBe(expected);
    expect(r.remaining).toBe(0);
  });

  it.each([
    'FROM node:22\nCMD echo $HOME\n',
    'FROM node:22\nCMD npm ci && npm start\n',
    'FROM node:22\nCMD cd /app\n',
    'FROM node:22\nCMD ./run.sh > /var/log/run.log\n',
    'FROM node:22\nCMD NODE_ENV=production node app.js\n',
    "FROM python:3.12\nCMD python -c 'print(1)'\n",
    'FROM node:22\nCMD ls *.txt\n',
    'FROM node:22\nCMD ls ~\n',
    'FROM node:22\nCMD a \\\n  b\n',
    // ENTRYPOINT in exec form would start receiving the CMD as arguments.
    'FROM node:22\nENTRYPOINT node\nCMD ["app.js"]\n',
    'FROM node:22\nONBUILD ENTRYPOINT node\n',
    // Not a POSIX shell: the command is not ours to rewrite.
    'FROM mcr.microsoft.com/powershell:7.4\nSHELL ["pwsh", "-Command"]\nCMD Get-Date\n',
  ])('offers no fix for %j', async (text) => {
    const r = await applyFixes('DL3025', text);
    expect(r.fixable).toBe(0);
    expect(r.text).toBe(text);
    expect(r.remaining).toBeGreaterThan(0);
  });
});
