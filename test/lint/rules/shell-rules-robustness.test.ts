/** The shell-usage and RPM-family rules on odd and broken input: no exception, every finding inside the file. */
import { describe, expect, it } from 'vitest';
import { SHELL_RULES } from '../../../src/lint/rules/list-shell.js';
import { lintText } from './lint-helper.js';

const ODD = [
  'RUN',
  'RUN dnf',
  'RUN yum module',
  'RUN zypper -n',
  'RUN dnf install -y "$(',
  'RUN useradd -u',
  'RUN useradd --uid=',
  'RUN ln -s',
  'RUN set -o',
  'RUN wget -O',
  'RUN a |',
  'RUN | b',
  'RUN if dnf install x; then',
  'RUN <<EOF\nEOF',
  'RUN <<EOF',
  'RUN --mount=type=cache dnf install x',
  'RUN --mount=type=cache,target= dnf install x',
  'SHELL []',
  'SHELL ["/bin/bash", "-o"]',
  'SHELL [',
  'ONBUILD',
  'ONBUILD RUN',
  'RUN dnf install -y x-${V:-} y-${',
  'RUN dnf install -y "x-$V" \'y-$W\' z-\\$X',
  'ARG V=${V}\nRUN dnf install -y x-$V',
  'ENV A=$B B=$A\nRUN dnf install -y x-$A',
  'RUN sh -c "sh -c \'sh -c \\"sh -c dnf\\"\'"',
  'RUN cd',
  'RUN sudo',
  'RUN env sudo',
];

describe('shell-usage and RPM-family rules on odd input', () => {
  it('these rules do run in this harness', async () => {
    const codes = new Set(SHELL_RULES.map((r) => r.code));
    const file = await lintText('FROM fedora:40\nRUN sudo dnf install x | tee log\n');
    expect(file.findings.filter((f) => codes.has(f.code)).map((f) => f.code).sort()).toEqual(['DL3004', 'DL3038', 'DL3040', 'DL3041', 'DL4006']);
  });

  it.each(ODD)('%j', async (body) => {
    const text = `FROM fedora:40\n${body}\n`;
    const lines = text.split('\n').length;
    const file = await lintText(text);
    for (const f of file.findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.endLine).toBeLessThanOrEqual(lines);
    }
  });
});
