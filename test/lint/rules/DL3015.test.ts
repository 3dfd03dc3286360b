import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { fixedBy, spanOf, spansOf } from './package-helper.js';

const df = (...lines: string[]): string => `FROM debian:12\n${lines.join('\n')}\n`;

describe('DL3015 apt-get install --no-install-recommends', () => {
  it.each([
    ['plain install', df('RUN apt-get install -y x=1'), 'apt-get install'],
    ['-y before install', df('RUN apt-get -y install x=1'), 'apt-get -y install'],
    ['apt install', df('RUN apt install -y x=1'), 'apt install'],
    ['Install-Recommends=true', df('RUN apt-get -o APT::Install-Recommends=true install -y x=1'), 'apt-get -o APT::Install-Recommends=true install'],
    ['through env and sudo', df('RUN env A=1 sudo apt-get install -y x=1'), 'apt-get install'],
    ['in a heredoc', df('RUN <<EOF', 'apt-get install -y x=1', 'EOF'), 'apt-get install'],
    ['in an ONBUILD trigger', df('ONBUILD RUN apt-get install -y x=1'), 'apt-get install'],
  ])('catches %s', async (_name, text, needle) => {
    expect(await spansOf('DL3015', text)).toEqual([spanOf(text, needle)]);
  });

  it.each([
    ['--no-install-recommends', df('RUN apt-get install --no-install-recommends -y x=1')],
    ['--no-install-recommends before install', df('RUN apt-get --no-install-recommends -y install x=1')],
    ['-o APT::Install-Recommends=false', df('RUN apt-get -o APT::Install-Recommends=false install -y x=1')],
    ['--option=APT::Install-Recommends=0', df('RUN apt-get --option=apt::install-recommends=0 install -y x=1')],
    ['-oAPT::Install-Recommends=no attached', df('RUN apt-get -oAPT::Install-Recommends=no install -y x=1')],
    ['other subcommands', df('RUN apt-get update && apt-get upgrade -y')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3015', text)).toEqual([]);
  });

  it.each([
    ['after install', df('RUN apt-get update && apt-get install -y x=1'), df('RUN apt-get update && apt-get install --no-install-recommends -y x=1')],
    ['two installs', df('RUN apt-get install -y a=1; sudo apt-get install -y b=1'), df('RUN apt-get install --no-install-recommends -y a=1; sudo apt-get install --no-install-recommends -y b=1')],
  ])('fixes %s', async (_name, text, expected) => {
    const fixed = await fixedBy('DL3015', text);
    expect(fixed).toBe(expected);
    expect(await findingsOf('DL3015', fixed)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3015', df('RUN apt-get install -y x=1'));
    expect(f?.level).toBe('info');
    expect(f?.message).toBe('Avoid additional packages by specifying `--no-install-recommends`');
  });
});
