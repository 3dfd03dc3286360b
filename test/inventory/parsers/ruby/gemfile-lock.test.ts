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

  it('reads a lock with 200,000 dependency lines under one gem in linear time (each dependency once)', () => {
    const n = 200_000;
    const lines = ['GEM', '  remote: https://rubygems.org/', '  specs:', '    evil (1.0)'];
    for (let i = 0; i < n; i++) lines.push(`      d${i} (>= 0)`);
    for (let i = 0; i < 1000; i++) lines.push(`      d${i}`); // repeats: kept once
    lines.push('    plat (1.0-x86_64-linux)');
    for (let i = 0; i < 20_000; i++) lines.push(`    plat (1.0-p${i % 10_000})`); // platform variants
    lines.push('', 'DEPENDENCIES', '  evil', '');
    const lock = parseGemfileLock(lines.join('\n'));
    const evil = lock.gems.find((g) => g.name === 'evil');
    expect(evil?.dependencies.length).toBe(n);
    expect(evil?.dependencies[0]).toBe('d0');
    expect(evil?.dependencies[n - 1]).toBe(`d${n - 1}`);
    expect(lock.gems.find((g) => g.name === 'plat')?.platforms.length).toBe(10_001);
    expect(lock.problems).toEqual([]);
  }, 15_000); // linear: a fraction of a second (the quadratic reading took about a minute)

  it('names a locked gem without a version by its line', () => {
    const lock = parseGemfileLock('GEM\n  specs:\n    rack\n    json (2.7.1)\n');
    expect(lock.gems.map((g) => g.name)).toEqual(['json']);
    expect(lock.problems).toEqual(['line 3: a locked gem without a version']);
  });
});
