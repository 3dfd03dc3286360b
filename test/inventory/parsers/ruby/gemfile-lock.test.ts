import { describe, expect, it } from 'vitest';
import { parseGemfileLock } from '../../../../src/inventory/parsers/ruby/gemfile-lock.js';

describe('parseGemfileLock', () => {
  it('reads bundler 2.5 locks with CHECKSUMS and RUBY VERSION without taking them for gems', () => {
    const text = [
      'GEM',
      '  remote: https://rubygems.org/',
      '  specs:',
      '    rack (3.0.8)',
      '',
      'PLATFORMS',
      '  ruby',
      '',
      'DEPENDENCIES',
      '  rack (~> 3.0)',
      '',
      'CHECKSUMS',
      '  rack (3.0.8) sha256=deadbeef',
      '',
      'RUBY VERSION',
      '   ruby 3.3.0p0',
      '',
      'BUNDLED WITH',
      '   2.5.3',
    ].join('\n');
    expect(parseGemfileLock(text)).toEqual({
      gems: [{ name: 'rack', version: '3.0.8', platforms: [], source: 'rubygems', dependencies: [] }],
      direct: ['rack'],
      bundledWith: '2.5.3',
      problems: [],
    });
  });

  it('names a locked gem without a version by its line', () => {
    const lock = parseGemfileLock('GEM\n  specs:\n    rack\n    json (2.7.1)\n');
    expect(lock.gems.map((g) => g.name)).toEqual(['json']);
    expect(lock.problems).toEqual(['line 3: a locked gem without a version']);
  });
});
