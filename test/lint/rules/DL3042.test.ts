import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { fixedBy, spanOf, spansOf } from './package-helper.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const df = (...l: string[]): string => lines('FROM python:3.12-slim', ...l);

describe('DL3042 pip install --no-cache-dir', () => {
  it.each([
    ['pip install', df('RUN pip install flask==3.0.3'), 'pip install'],
    ['pip3 with global options first', df('RUN pip3 --disable-pip-version-check install x==1'), 'pip3 --disable-pip-version-check install'],
    ['python -m pip', df('RUN python3 -m pip install x==1'), 'python3 -m pip install'],
    ['falsy ENV', df('ENV PIP_NO_CACHE_DIR=0', 'RUN pip install x==1'), 'pip install'],
    ['ENV switched off again', df('ENV PIP_NO_CACHE_DIR=1', 'ENV PIP_NO_CACHE_DIR=false', 'RUN pip install x==1'), 'pip install'],
    ['ENV of an unrelated stage', lines('FROM python:3.12 AS base', 'ENV PIP_NO_CACHE_DIR=1', 'FROM python:3.12', 'RUN pip install x==1'), 'pip install'],
    ['a non-exported shell variable', df('RUN PIP_NO_CACHE_DIR=1; pip install x==1'), 'pip install'],
    ['unset after export', df('RUN export PIP_NO_CACHE_DIR=1 && unset PIP_NO_CACHE_DIR && pip install x==1'), 'pip install'],
    ['a cache mount elsewhere', df('RUN --mount=type=cache,target=/var/cache/foo pip install x==1'), 'pip install'],
    ['in sh -c', df(`RUN sh -c 'pip install x==1'`), 'pip install'],
    ['in a heredoc', df('RUN <<EOF', 'pip install x==1', 'EOF'), 'pip install'],
    ['in an ONBUILD trigger', df('ONBUILD RUN pip install x==1'), 'pip install'],
  ])('catches %s', async (_name, text, needle) => {
    expect(await spansOf('DL3042', text)).toEqual([spanOf(text, needle)]);
  });

  it.each([
    ['--no-cache-dir after install', df('RUN pip install --no-cache-dir x==1')],
    ['--no-cache-dir at the end', df('RUN pip install x==1 --no-cache-dir')],
    ['--no-cache-dir before install', df('RUN pip --no-cache-dir install x==1')],
    ...['1', 'true', 'on', 'yes', 'TRUE'].map((v) => [`ENV PIP_NO_CACHE_DIR=${v}`, df(`ENV PIP_NO_CACHE_DIR=${v}`, 'RUN pip install x==1')]),
    ['ARG PIP_NO_CACHE_DIR=1 (RUN sees build args as environment)', df('ARG PIP_NO_CACHE_DIR=1', 'RUN pip install x==1')],
    ['ENV inherited from the parent stage', lines('FROM python:3.12 AS base', 'ENV PIP_NO_CACHE_DIR=1', 'FROM base AS app', 'RUN pip install x==1')],
    ['legacy ENV form', df('ENV PIP_NO_CACHE_DIR on', 'RUN pip install x==1')],
    ['a command prefix', df('RUN PIP_NO_CACHE_DIR=1 pip install x==1')],
    ['env wrapper', df('RUN env PIP_NO_CACHE_DIR=yes pip install x==1')],
    ['export earlier in the RUN', df('RUN export PIP_NO_CACHE_DIR=true && pip install x==1')],
    ['declare -x earlier in the RUN', df('RUN declare -x PIP_NO_CACHE_DIR=1; pip install x==1')],
    ['a cache mount on the pip cache', df('RUN --mount=type=cache,target=/root/.cache/pip pip install x==1')],
    ['a tmpfs mount on ~/.cache', df('RUN --mount=type=tmpfs,target=/home/app/.cache pip install x==1')],
    ['--cache-dir on a cache mount', df('RUN --mount=type=cache,target=/pipcache pip install --cache-dir /pipcache x==1')],
    ['pipx', df('RUN pipx install black==24.4.2')],
    ['pipenv', df('RUN pipenv install')],
    ['python -m pipx', df('RUN python -m pipx install black==24.4.2')],
    ['other pip subcommands', df('RUN pip freeze && pip list')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3042', text)).toEqual([]);
  });

  it.each([
    ['pip install', df('RUN pip install x==1'), df('RUN pip install --no-cache-dir x==1')],
    ['python -m pip and pip3', df('RUN python -m pip install -U pip==24.0 && pip3 install -r req.txt'), df('RUN python -m pip install --no-cache-dir -U pip==24.0 && pip3 install --no-cache-dir -r req.txt')],
    ['in a heredoc', df('RUN <<EOF', 'pip install x==1', 'EOF'), df('RUN <<EOF', 'pip install --no-cache-dir x==1', 'EOF')],
  ])('fixes %s', async (_name, text, expected) => {
    const fixed = await fixedBy('DL3042', text);
    expect(fixed).toBe(expected);
    expect(await findingsOf('DL3042', fixed)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3042', df('RUN pip install x==1'));
    expect(f?.level).toBe('warning');
    expect(f?.message).toBe('Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`');
  });
});
