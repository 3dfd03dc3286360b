import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { spanOf, spansOf } from './package-helper.js';

const df = (...lines: string[]): string => `FROM ubuntu:24.04\n${lines.join('\n')}\n`;

describe('DL3027 do not use apt', () => {
  it.each([
    ['apt install', df('RUN apt install -y python3=3.12*'), 'apt'],
    ['apt via sudo', df('RUN sudo apt update'), 'apt'],
    ['/usr/bin/apt', df('RUN /usr/bin/apt-get update && /usr/bin/apt list --installed'), '/usr/bin/apt '],
    ['apt in a heredoc', df('RUN <<EOF', 'set -e', 'apt full-upgrade -y', 'EOF'), 'apt'],
    ['apt in an ONBUILD trigger', df('ONBUILD RUN apt upgrade -y'), 'apt'],
  ])('catches %s', async (_name, text, needle) => {
    const at = spanOf(text, needle);
    expect(await spansOf('DL3027', text)).toEqual([{ ...at, endColumn: at.column + needle.trimEnd().length }]);
  });

  it.each([
    ['apt-get', df('RUN apt-get update')],
    ['apt-cache and apt-mark', df('RUN apt-cache policy curl && apt-mark hold curl')],
    ['apt as an argument', df('RUN echo apt && ls /etc/apt')],
    ['exec form', df('RUN ["apt", "install", "x"]')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3027', text)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3027', df('RUN apt install x'));
    expect(f?.level).toBe('warning');
    expect(f?.message).toBe('Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead');
  });
});
