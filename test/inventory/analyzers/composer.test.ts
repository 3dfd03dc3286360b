import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composerAnalyzer } from '../../../src/inventory/analyzers/composer.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readLangTruth } from '../../helpers/fixtures.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer, type StubLayer } from '../support/stub-merge-view.js';

/** Trivy's composer parser table (pkg/dependency/parser/php/composer), run through the analyzer. */
interface TrivyCase {
  name: string;
  file: string;
  wantPkgs: Array<{ ID: string; Name: string; Version: string; Dev?: boolean; Licenses?: string[] }>;
  wantDeps: Array<{ ID: string; DependsOn: string[] }>;
}
const DIR = sharedPath('conformance', 'trivy-parsers', 'php_composer');
const cases = (JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8')) as { tests: TrivyCase[] }).tests;

async function analyze(layers: StubLayer[]) {
  const { output } = await runAnalyzer(composerAnalyzer, layers);
  return { packages: output.packages ?? [], unknowns: output.unknowns ?? [] };
}

describe('composer analyzer on Trivy conformance vectors', () => {
  it('has the vectors', () => expect(cases.map((c) => c.name)).toEqual(['happy path']));

  for (const tc of cases) {
    it(`matches Trivy: ${tc.name}`, async () => {
      const { packages, unknowns } = await analyze([{ files: { 'app/composer.lock': readFileSync(`${DIR}/${tc.file}`, 'utf8') } }]);
      expect(unknowns).toEqual([]);
      const got = new Map(packages.map((p) => [`${p.record.name}@${p.record.version}`, p.record]));
      expect([...got.keys()].sort()).toEqual(tc.wantPkgs.map((w) => w.ID).sort());
      for (const w of tc.wantPkgs) {
        const r = got.get(w.ID);
        expect(r?.dev, w.ID).toBe(w.Dev);
        expect(r?.licenses, w.ID).toEqual(w.Licenses ?? []);
        expect(r?.foundIn).toBe('lockfile');
        // the version is kept as Composer writes it, `v` included, in the purl too
        const [vendor, name] = w.Name.split('/');
        expect(r?.purl).toBe(`pkg:composer/${vendor}/${name}@${w.Version}`);
        const deps = tc.wantDeps.find((d) => d.ID === w.ID)?.DependsOn ?? [];
        expect([...(r?.dependsOn ?? [])].sort(), w.ID).toEqual([...deps].sort());
        // no composer.json next to the lock: Trivy's parser and drydock both leave relationships unknown
        expect(r?.relationship).toBeUndefined();
      }
    });
  }
});

const pkg = (name: string, version: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name, version, ...extra });

describe('composer app merge: installed.json, composer.lock and composer.json of one app', () => {
  const lock = JSON.stringify({
    packages: [pkg('acme/a', 'v1.0.0', { require: { php: '>=8', 'acme/b': '^2' }, license: 'MIT' }), pkg('acme/b', '2.1.0')],
    'packages-dev': [pkg('acme/t', '0.3.0')],
  });
  const manifest = JSON.stringify({ require: { php: '>=8', 'acme/a': '^1' }, 'require-dev': { 'acme/t': '^0.3' } });
  const installedV2 = JSON.stringify({ packages: [pkg('acme/a', 'v1.0.0', { require: { 'acme/b': '^2' } }), pkg('acme/b', '2.1.0')], dev: false, 'dev-package-names': [] });

  it('reports installed packages once, lock-only ones as lock file finds, with relationships from composer.json', async () => {
    const { packages, unknowns } = await analyze([
      { files: { 'srv/app/composer.json': manifest, 'srv/app/composer.lock': lock } },
      { files: { 'srv/app/vendor/composer/installed.json': installedV2 } },
    ]);
    expect(unknowns).toEqual([]);
    const rows = packages.map((p) => [p.record.name, p.record.foundIn, p.location, p.record.relationship, p.record.dev ?? false, p.layer?.index]);
    expect(rows).toEqual([
      ['acme/a', 'installed', '/srv/app/vendor/composer/installed.json', 'direct', false, 1],
      ['acme/b', 'installed', '/srv/app/vendor/composer/installed.json', 'indirect', false, 1],
      ['acme/t', 'lockfile', '/srv/app/composer.lock', 'direct', true, 0],
    ]);
    expect(packages[0]?.record.dependsOn).toEqual(['acme/b@2.1.0']);
  });

  it('reports an installed package once, at its installed version, never again at the stale version of the lock', async () => {
    // composer update ran after the lock was copied: monolog 2.9.1 is installed, the lock says 2.3.0
    const staleLock = JSON.stringify({
      packages: [pkg('monolog/monolog', '2.3.0', { require: { 'psr/log': '^1.0' } }), pkg('psr/log', '1.1.4'), pkg('acme/tool', '1.0.0', { require: { 'monolog/monolog': '^2' } })],
      'packages-dev': [],
    });
    const installed = JSON.stringify({ packages: [pkg('monolog/monolog', '2.9.1', { require: { 'psr/log': '^1.0' } }), pkg('psr/log', '1.1.4')], dev: true, 'dev-package-names': [] });
    const { packages } = await analyze([{ files: { 'app/composer.lock': staleLock, 'app/vendor/composer/installed.json': installed } }]);
    expect(packages.map((p) => `${p.record.name}@${p.record.version} ${p.record.foundIn}`)).toEqual([
      'monolog/monolog@2.9.1 installed',
      'psr/log@1.1.4 installed',
      'acme/tool@1.0.0 lockfile',
    ]);
    // a lock-only package that requires an installed one depends on what is installed
    expect(packages[2]?.record.dependsOn).toEqual(['monolog/monolog@2.9.1']);
  });

  it('links requirements of replaced and provided names to the package that replaces or provides them, without phantom packages', async () => {
    const installed = JSON.stringify({
      packages: [
        pkg('laravel/framework', 'v8.0.0', {
          replace: { 'illuminate/database': 'self.version', 'illuminate/support': 'self.version' },
          provide: { 'psr/log-implementation': '1.0|2.0' },
          require: { 'monolog/monolog': '^2.0' },
        }),
        pkg('monolog/monolog', '2.9.1', { provide: { 'psr/log-implementation': '1.0.0 || 2.0.0' } }),
        pkg('spatie/laravel-x', '1.0.0', { require: { 'illuminate/support': '^8.0', 'psr/log-implementation': '^1' } }),
        pkg('symfony/polyfill-mbstring', 'v1.27.0', { replace: { 'symfony/polyfill-php72': '*' } }),
      ],
      'dev-package-names': [],
    });
    const { packages } = await analyze([{ files: { 'app/vendor/composer/installed.json': installed } }]);
    const byName = new Map(packages.map((p) => [p.record.name, p.record]));
    // replaced and provided names are not packages of their own
    expect([...byName.keys()]).toEqual(['laravel/framework', 'monolog/monolog', 'spatie/laravel-x', 'symfony/polyfill-mbstring']);
    expect(byName.get('spatie/laravel-x')?.dependsOn).toEqual(['laravel/framework@v8.0.0', 'monolog/monolog@2.9.1']);
    // self.version replacements carry the version they stand for: advisories filed under
    // illuminate/* can be checked against laravel/framework's
    expect(byName.get('laravel/framework')?.metadata).toEqual({
      replaces: 'illuminate/database@v8.0.0, illuminate/support@v8.0.0',
      provides: 'psr/log-implementation 1.0|2.0',
    });
    expect(byName.get('symfony/polyfill-mbstring')?.metadata).toEqual({ replaces: 'symfony/polyfill-php72' });
  });

  it('does the same with the reviewer\'s app: lock, installed.json and composer.json of one app', async () => {
    const files = {
      'app/composer.json': '{"require":{"laravel/framework":"^8.0","monolog/monolog":"^2.0"}}',
      'app/composer.lock': JSON.stringify({
        packages: [
          pkg('monolog/monolog', '2.3.0', { require: { 'psr/log': '^1.0' } }),
          pkg('psr/log', '1.1.4'),
          pkg('laravel/framework', 'v8.0.0', { replace: { 'illuminate/database': 'self.version', 'illuminate/support': 'self.version' }, require: { 'monolog/monolog': '^2.0' } }),
          pkg('spatie/laravel-x', '1.0.0', { require: { 'illuminate/support': '^8.0' } }),
        ],
        'packages-dev': [],
      }),
      'app/vendor/composer/installed.json': JSON.stringify({
        packages: [
          pkg('monolog/monolog', '2.9.1', { require: { 'psr/log': '^1.0' } }),
          pkg('psr/log', '1.1.4'),
          pkg('laravel/framework', 'v8.0.0', { replace: { 'illuminate/database': 'self.version', 'illuminate/support': 'self.version' }, require: { 'monolog/monolog': '^2.0' } }),
          pkg('spatie/laravel-x', '1.0.0', { require: { 'illuminate/support': '^8.0' } }),
        ],
        dev: true,
        'dev-package-names': [],
      }),
    };
    const { packages } = await analyze([{ files }]);
    expect(packages.map((p) => `${p.record.name}@${p.record.version}`).sort()).toEqual(['laravel/framework@v8.0.0', 'monolog/monolog@2.9.1', 'psr/log@1.1.4', 'spatie/laravel-x@1.0.0']);
    expect(packages.find((p) => p.record.name === 'spatie/laravel-x')?.record.dependsOn).toEqual(['laravel/framework@v8.0.0']);
  });

  it('reads Composer 1 installed.json (an array) and dev-package-names of Composer 2', async () => {
    const v1 = JSON.stringify([pkg('acme/a', '1.0.0', { license: ['MIT', 'GPL-2.0-only'] })]);
    const v2 = JSON.stringify({ packages: [pkg('acme/t', '0.3.0')], 'dev-package-names': ['acme/t'] });
    const { packages } = await analyze([{ files: { 'one/vendor/composer/installed.json': v1, 'two/vendor/composer/installed.json': v2 } }]);
    expect(packages.map((p) => [p.record.name, p.record.licenses, p.record.dev ?? false])).toEqual([
      ['acme/a', ['MIT', 'GPL-2.0-only'], false],
      ['acme/t', [], true],
    ]);
  });

  it('reports every bad package field and keeps the good packages', async () => {
    const bad = JSON.stringify({ packages: [pkg('acme/a', '1.0.0'), { name: 'no-vendor', version: 3 }, { version: '1' }] });
    const { packages, unknowns } = await analyze([{ files: { 'composer.lock': bad, 'x/composer.json': '{"require": ' } }]);
    expect(packages.map((p) => p.record.name)).toEqual(['acme/a']);
    const reasons = unknowns.map((u) => u.reason);
    expect(reasons.filter((r) => r.startsWith('composer.lock: packages.1.'))).toHaveLength(2);
    expect(reasons.some((r) => r.startsWith('composer.lock: packages.2.name'))).toBe(true);
    expect(reasons).toContain('composer.json: composer.json is not valid JSON (it ends too early)');
  });

  it('asks for Composer files of apps, not the composer.json of every dependency', () => {
    const req = (p: string): boolean => composerAnalyzer.required(p, { size: 1, mode: 0o644 });
    expect(req('srv/app/composer.lock')).toBe(true);
    expect(req('srv/app/composer.json')).toBe(true);
    expect(req('srv/app/vendor/composer/installed.json')).toBe(true);
    expect(req('vendor/composer/installed.json')).toBe(true);
    expect(req('srv/app/vendor/acme/a/composer.json')).toBe(false);
    expect(req('srv/app/vendor/acme/a/composer.lock')).toBe(false);
    expect(req('srv/app/vendor/composer/installed.php')).toBe(false);
  });
});

describe('composer analyzer on a real image (lang-misc)', () => {
  it('matches `composer show` (installed) and `composer show --locked`', async () => {
    await ensureFixtures(['lang-misc']);
    const inv = await inventoryOf(`oci:${fixture('lang-misc').ociDir}:latest`, {
      analyzers: [...createOsAnalyzers({ now: new Date() }), composerAnalyzer],
    });
    const truth = readLangTruth('lang-misc').filter((t) => t.ecosystem === 'composer');
    const installed = truth.filter((t) => t.source === 'composer show').map((t) => `${t.name}@${t.version}`);
    const locked = truth.filter((t) => t.source === 'composer show --locked').map((t) => `${t.name}@${t.version}`);
    expect(installed.length).toBe(2);
    const app = inv.packages.filter((p) => p.location.startsWith('/srv/php-app/'));
    const id = (p: { name: string; version: string }): string => `${p.name}@${p.version}`;
    // installed ones once, from installed.json; the rest of the lock (the dev package of this --no-dev install) from the lock
    expect(app.filter((p) => p.foundIn === 'installed').map(id).sort()).toEqual([...installed].sort());
    expect(app.map(id).sort()).toEqual([...locked].sort());
    const byName = new Map(app.map((p) => [p.name, p]));
    expect(byName.get('drydock/testkit')).toMatchObject({ foundIn: 'lockfile', dev: true, relationship: 'direct', licenses: ['BSD-3-Clause'] });
    expect(byName.get('drydock/greeting')).toMatchObject({ relationship: 'direct', purl: 'pkg:composer/drydock/greeting@1.3.0' });
    expect(byName.get('drydock/strings')).toMatchObject({ relationship: 'indirect', licenses: ['Apache-2.0', 'MIT'] });
    expect(byName.get('drydock/greeting')?.dependsOn).toEqual([byName.get('drydock/strings')?.id]);
    expect(byName.get('drydock/greeting')?.layer?.createdBy).toContain('composer install');
    // the conformance lock copied into the image
    expect(inv.packages.filter((p) => p.location === '/srv/conformance/php/composer.lock')).toHaveLength(10);
    expect(inv.unknowns.filter((u) => u.source === 'composer')).toEqual([]);
  });
});
