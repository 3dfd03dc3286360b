import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { fixedBy, spanOf, spansOf } from './package-helper.js';

const df = (...lines: string[]): string => `FROM debian:12\n${lines.join('\n')}\n`;

describe('DL3014 use apt-get -y', () => {
  it.each([
    ['install without -y', df('RUN apt-get install python3=3.11*'), 'apt-get install'],
    ['-q alone is not enough', df('RUN apt-get install -q python3=3.11*'), 'apt-get install'],
    ['--quiet alone is not enough', df('RUN apt-get --quiet install python3=3.11*'), 'apt-get --quiet install'],
    ['apt install', df('RUN apt install jq=1.6*'), 'apt install'],
    ['other prompting subcommands', df('RUN apt-get -qq update && apt-get dist-upgrade'), 'apt-get dist-upgrade'],
    ['through sudo', df('RUN sudo apt-get remove --purge vim'), 'apt-get remove'],
    ['inside sh -c', df(`RUN sh -c "apt-get install jq=1.6*"`), 'apt-get install'],
    ['in a heredoc', df('RUN <<EOF', 'apt-get install jq=1.6*', 'EOF'), 'apt-get install'],
    ['Assume-Yes=false', df('RUN apt-get -o APT::Get::Assume-Yes=false install jq=1*'), 'apt-get -o APT::Get::Assume-Yes=false install'],
  ])('catches %s', async (_name, text, needle) => {
    expect(await spansOf('DL3014', text)).toEqual([spanOf(text, needle)]);
  });

  it.each([
    ['-y', df('RUN apt-get install -y x=1')],
    ['-y before the subcommand', df('RUN apt-get -y install x=1')],
    ['-y in a bundle', df('RUN apt-get install -yq x=1')],
    ['--yes', df('RUN apt-get --yes install x=1')],
    ['--assume-yes', df('RUN apt-get --assume-yes install x=1')],
    ['-qq', df('RUN apt-get install -qq x=1')],
    ['-q -q', df('RUN apt-get install -q -q x=1')],
    ['-q=2', df('RUN apt-get install -q=2 x=1')],
    ['--quiet --quiet', df('RUN apt-get install --quiet --quiet x=1')],
    ['-o APT::Get::Assume-Yes=true', df('RUN apt-get -o apt::get::assume-yes=true install x=1')],
    ['update and non-prompting subcommands', df('RUN apt-get update && apt-get download x && apt-get clean')],
    ['other programs', df('RUN echo apt-get install x')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3014', text)).toEqual([]);
  });

  it.each([
    ['after install', df('RUN apt-get update && apt-get install --no-install-recommends x=1'), df('RUN apt-get update && apt-get install -y --no-install-recommends x=1')],
    ['inside sh -c', df(`RUN sh -c 'apt-get install x=1'`), df(`RUN sh -c 'apt-get install -y x=1'`)],
    ['in a heredoc', df('RUN <<EOF', 'apt-get upgrade', 'EOF'), df('RUN <<EOF', 'apt-get upgrade -y', 'EOF')],
    ['two commands', df('RUN apt-get install a=1 && \\', '  apt-get purge b'), df('RUN apt-get install -y a=1 && \\', '  apt-get purge -y b')],
  ])('fixes %s', async (_name, text, expected) => {
    const fixed = await fixedBy('DL3014', text);
    expect(fixed).toBe(expected);
    expect(await findingsOf('DL3014', fixed)).toEqual([]);
  });

  it('offers no fix when the subcommand is split by a line continuation', async () => {
    const [f] = await findingsOf('DL3014', df('RUN apt-get ins\\', 'tall x=1'));
    expect(f?.fixable).toBe(false);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3014', df('RUN apt-get install x=1'));
    expect(f?.level).toBe('warning');
    expect(f?.message).toBe('Use the `-y` switch to avoid manual input `apt-get -y install <package>`');
  });
});
