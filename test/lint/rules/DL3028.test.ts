import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { spanOf, spansOf } from './package-helper.js';

const df = (...lines: string[]): string => `FROM ruby:3.3-slim\n${lines.join('\n')}\n`;

describe('DL3028 pin versions in gem install', () => {
  it.each([
    ['gem install', df('RUN gem install bundler'), ['bundler']],
    ['gem i', df('RUN gem i rake'), ['rake']],
    ['the unpinned one of several', df('RUN gem i bundler:1 nokogiri'), ['nokogiri']],
    ['after options', df('RUN gem install --no-document -N --install-dir /gems rails'), ['rails']],
    ['before --', df('RUN gem install pg -- --with-pg-config=/usr/bin/pg_config'), ['pg']],
    ['through sudo', df('RUN sudo gem install sass'), ['sass']],
    ['in an ONBUILD trigger', df('ONBUILD RUN gem install puma'), ['puma']],
  ])('catches %s', async (_name, text, needles) => {
    expect(await spansOf('DL3028', text)).toEqual(needles.map((n) => spanOf(text, n)));
  });

  it.each([
    ['gem:version', df('RUN gem install bundler:2.5.11 nokogiri:1.16.6')],
    ['-v', df(`RUN gem install bundler -v '2.0.1'`)],
    ['--version value', df(`RUN gem install bundler --version '2.0.1'`)],
    ['--version=value', df(`RUN gem install bundler --version='2.0.1'`)],
    ['build flags after --', df('RUN gem install bundler:2.0.1 -- --use-system-libraries true')],
    ['build flags after --, with =', df('RUN gem install bundler:2.0.1 -- --use-system-libraries=true')],
    ['an option gem does not know ends the gem list', df('RUN gem install bundler:2.0.1 --use-system-libraries true')],
    ['a local .gem', df('RUN gem install ./vendor/app-1.0.0.gem')],
    ['other subcommands', df('RUN gem update --system && gem list')],
    ['gems only known at build time', df('RUN gem install "$GEM"')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3028', text)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3028', df('RUN gem install rake'));
    expect(f?.level).toBe('warning');
    expect(f?.message).toBe('Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`');
  });
});
