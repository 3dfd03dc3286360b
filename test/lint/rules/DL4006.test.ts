import { describe, expect, it } from 'vitest';
import { DL4006 } from '../../../src/lint/rules/DL4006.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

const PIPE = 'wget -O - https://some.site | wc -l';

describe('DL4006 pipefail', () => {
  it.each([
    ['the default shell', `FROM debian:12\nRUN ${PIPE} > /number\n`],
    ['sh -o pipefail (sh may be dash)', `FROM alpine:3\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN ${PIPE}\n`],
    ['bash without pipefail', `FROM debian:12\nSHELL ["/bin/bash", "-e", "-c"]\nRUN ${PIPE}\n`],
    ['a later SHELL without it', `FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nSHELL ["/bin/sh", "-c"]\nRUN ${PIPE}\n`],
    ['a new stage from another image', `FROM debian:12 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12\nRUN ${PIPE}\n`],
    ['set -o pipefail after the pipe', `FROM debian:12\nRUN ${PIPE} && set -o pipefail\n`],
    ['set -o pipefail in a subshell', `FROM debian:12\nRUN (set -o pipefail) && ${PIPE}\n`],
    ['a pipe in a command substitution', `FROM debian:12\nRUN echo "$(${PIPE})"\n`],
    ['a heredoc script', `FROM debian:12\nRUN <<EOF\n${PIPE}\nEOF\n`],
  ])('catches %s (at the pipeline)', async (_name, text) => {
    expect(await where('DL4006', text)).toEqual([at(text, PIPE)]);
  });

  it.each([
    ['no pipe', 'FROM debian:12\nRUN wget -O - https://some.site && wc -l file > /number\n'],
    ['bash -eo pipefail', `FROM debian:12\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN ${PIPE}\n`],
    ['-o errexit -o pipefail', `FROM debian:12\nSHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]\nRUN ${PIPE}\n`],
    ['zsh at any path', `FROM debian:12\nSHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]\nRUN ${PIPE}\n`],
    ['ash', `FROM alpine:3\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN ${PIPE}\n`],
    ['set -o pipefail first', `FROM debian:12\nRUN set -o pipefail && ${PIPE}\n`],
    ['set -euxo pipefail first', `FROM debian:12\nRUN set -euxo pipefail; ${PIPE}\n`],
    ['set -o pipefail in the heredoc', `FROM debian:12\nRUN <<EOF\nset -eo pipefail\n${PIPE}\nEOF\n`],
    ['a stage built FROM a stage with pipefail', `FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN ${PIPE}\n`],
    ['powershell', 'FROM mcr.microsoft.com/powershell\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n'],
    ['cmd.exe', 'FROM mcr.microsoft.com/windows\nSHELL ["cmd.exe", "/c"]\nRUN dir | more\n'],
    ['a shell pragma', `FROM debian:12\n# hadolint shell=powershell\nRUN Get-Item x | Remove-Item\n`],
    ['a pipe inside sh -c', `FROM debian:12\nRUN bash -o pipefail -c '${PIPE}'\n`],
    ['an ONBUILD trigger (the child’s shell)', `FROM debian:12\nONBUILD RUN ${PIPE}\n`],
    ['|| is no pipe', 'FROM debian:12\nRUN false || true\n'],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL4006', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL4006.level, message: DL4006.message }).toEqual(hadolint('DL4006'));
  });
});
