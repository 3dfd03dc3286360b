import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import type { Package } from '../../../src/core/package.js';
import type { Analyzer } from '../../../src/inventory/analyzer.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { lockFileKind, pythonLockAnalyzer } from '../../../src/inventory/analyzers/python-lock.js';
import { pythonInstalledAnalyzer } from '../../../src/inventory/analyzers/python-installed.js';
import { assemble } from '../../../src/inventory/assemble.js';
import { readLayer } from '../../../src/inventory/layer-reader.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture } from '../../helpers/fixtures.js';
import { makeTar, type TarSpecEntry } from '../../helpers/tar-maker.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const ANALYZERS: Analyzer[] = [...createOsAnalyzers({ now: NOW }), pythonInstalledAnalyzer, pythonLockAnalyzer];
const TRIVY = sharedPath('conformance', 'trivy-parsers');
const shared = (rel: string): string => readFileSync(join(TRIVY, rel), 'utf8');

async function inventory(layers: TarSpecEntry[][]): Promise<Inventory> {
  const results = [];
  for (const entries of layers) {
    async function* src(): AsyncGenerator<Buffer> {
      yield makeTar(entries);
    }
    results.push(await readLayer(src(), { what: 't', analyzers: ANALYZERS, maxLayerBytes: 1 << 30 }));
  }
  return assemble({ kind: 'dir', reference: 't', layers: [] }, results, layers.map((_, index) => ({ index })), {
    analyzers: ANALYZERS,
    toolVersion: 't',
    now: NOW,
  });
}

const lockPackages = (inv: Inventory, location: string): Package[] => inv.packages.filter((p) => p.foundBy === 'python-lock' && p.location === location);
const idOf = (inv: Inventory, purl: string): string | undefined => inv.packages.find((p) => p.purl === purl)?.id;

describe('python-lock analyzer: synthetic images through the real pipeline', () => {
  let inv: Inventory;
  beforeAll(async () => {
    inv = await inventory([
      [
        { name: 'app/poetry.lock', data: shared('python_poetry/testdata/poetry_v2_flask.lock') },
        { name: 'app/pyproject.toml', data: '[tool.poetry.dependencies]\npython = "^3.9"\nFlask = "1.0.3"\n[tool.poetry.group.dev.dependencies]\npytest = "*"\n' },
        { name: 'app/requirements-dev.txt', data: 'Jinja2==3.1.5 \\\n  --hash=sha256:00\n# pinned\nwerkzeug>=3\n-r base.in\n-r requirements.txt\n' },
        { name: 'srv/Pipfile.lock', data: JSON.stringify({ default: { requests: { version: '==2.21.0' } }, develop: { Pytest: { version: '==8.0.0' }, requests: { version: '==2.21.0' } } }) },
        { name: 'srv/bad/uv.lock', data: 'version = 1\n[[package]]\nname = "x"\nversion = "1"\ndependencies = [{ name = 3 }]\n[[package]]\nversion = "2"\n' },
        { name: 'srv/pylock.dev.toml', data: shared('python_pylock/testdata/sad.toml') },
        { name: 'usr/lib/python3/dist-packages/foo/requirements.txt', data: 'ignored==1.0\n' },
        { name: 'usr/src/tool/pyproject.toml', data: 'not = [toml' },
        { name: 'srv/poetry-app/pyproject.toml', data: '[project\n' },
        { name: 'srv/poetry-app/poetry.lock', data: '[[package]]\nname = "y"\nversion = "1"\n' },
      ],
    ]);
  });

  it('reports lock-file packages as lockfile findings with purl and evidence', () => {
    const req = lockPackages(inv, '/app/requirements-dev.txt');
    expect(req.map((p) => [p.purl, p.foundIn, p.evidence, p.metadata])).toEqual([
      ['pkg:pypi/jinja2@3.1.5', 'lockfile', ['requirements-dev.txt:1'], { displayName: 'Jinja2' }],
    ]);
    expect(inv.packages.filter((p) => p.name === 'ignored')).toEqual([]);
  });

  it('marks a poetry.lock’s direct dependencies from the pyproject.toml beside it, keeps dev and edges', () => {
    const poetry = lockPackages(inv, '/app/poetry.lock');
    expect(poetry).toHaveLength(15);
    const rel = Object.fromEntries(poetry.map((p) => [p.name, `${p.relationship}${p.dev ? ' dev' : ''}`]));
    expect(rel).toMatchObject({ flask: 'direct', pytest: 'direct dev', click: 'indirect', attrs: 'indirect dev', colorama: 'indirect' });
    const flask = poetry.find((p) => p.name === 'flask');
    // compared by purl: jinja2@3.1.5 is also in requirements-dev.txt, and the inventory's linker
    // resolves `name@version` references per analyzer, not per file (see the report to the lead)
    const purls = (flask?.dependsOn ?? []).map((id) => inv.packages.find((p) => p.id === id)?.purl).sort();
    expect(purls).toEqual(['pkg:pypi/click@8.1.8', 'pkg:pypi/itsdangerous@2.2.0', 'pkg:pypi/jinja2@3.1.5', 'pkg:pypi/werkzeug@3.1.3']);
  });

  it('Pipfile.lock: develop-only packages are dev', () => {
    const pip = lockPackages(inv, '/srv/Pipfile.lock');
    expect(pip.map((p) => `${p.name}@${p.version}${p.dev ? ' dev' : ''}`).sort()).toEqual(['pytest@8.0.0 dev', 'requests@2.21.0']);
  });

  it('reports every bad entry and unfollowed include as an unknown, keeping the good entries', () => {
    const reasons = inv.unknowns.filter((u) => u.source === 'python-lock').map((u) => `${u.path} ${u.reason}`).sort();
    expect(reasons).toEqual([
      '/app/requirements-dev.txt -r/--requirement include of a file not named requirements*.txt not followed: line 5',
      '/srv/bad/uv.lock package.0.dependencies.0.name: Invalid input: expected string, received number',
      '/srv/bad/uv.lock package.1.name: Invalid input: expected string, received undefined',
      '/srv/poetry-app/pyproject.toml pyproject.toml is not valid TOML',
      '/srv/pylock.dev.toml pylock.toml is not valid TOML (line 1: illegal character in key)',
    ]);
    // a bad dependency entry is skipped, its package kept
    expect(idOf(inv, 'pkg:pypi/x@1')).toBeDefined();
  });
});

describe('lockFileKind', () => {
  it('matches lock file names outside site directories', () => {
    const cases: Array<[string, ReturnType<typeof lockFileKind>]> = [
      ['app/requirements.txt', 'requirements'],
      ['requirements-dev.txt', 'requirements'],
      ['a/requirements_test.txt', 'requirements'],
      ['a/poetry.lock', 'poetry'],
      ['a/Pipfile.lock', 'pipenv'],
      ['a/uv.lock', 'uv'],
      ['a/pylock.toml', 'pylock'],
      ['a/pylock.web.toml', 'pylock'],
      ['a/pylock.a.b.toml', undefined],
      ['a/pyproject.toml', 'pyproject'],
      ['a/Pipfile', undefined],
      ['a/constraints.txt', undefined],
      ['a/yarn.lock', undefined],
      ['usr/lib/python3/dist-packages/x/requirements.txt', undefined],
      ['opt/venv/lib/python3.11/site-packages/x/poetry.lock', undefined],
    ];
    for (const [path, kind] of cases) expect(lockFileKind(path), path).toBe(kind);
  });
});

describe('python-lock on the python-app fixture', () => {
  let inv: Inventory;
  beforeAll(async () => {
    await ensureFixtures(['python-app']);
    inv = await inventoryOf(`oci:${fixture('python-app').ociDir}`, { analyzers: ANALYZERS, now: NOW });
  });

  it('reports the packages of every lock file copied into the image, labelled lockfile', () => {
    const count = (location: string): number => lockPackages(inv, location).length;
    // expected counts: the Trivy cases of the same files (requirements_flask, poetry_v2_flask,
    // Pipfile_normal, uv_normal, pylock.toml with spam's two versions)
    expect(count('/app/requirements.txt')).toBe(6);
    expect(count('/app/poetry.lock')).toBe(15);
    expect(count('/srv/pipenv-app/Pipfile.lock')).toBe(6);
    expect(count('/srv/uv-app/uv.lock')).toBe(21);
    expect(count('/srv/pylock-app/pylock.toml')).toBe(9);
    expect(inv.packages.filter((p) => p.foundBy === 'python-lock').every((p) => p.foundIn === 'lockfile' && p.type === 'pypi')).toBe(true);
    const uv = lockPackages(inv, '/srv/uv-app/uv.lock');
    expect(uv.find((p) => p.name === 'normal')?.relationship).toBe('root');
    expect(uv.find((p) => p.name === 'pytest')).toMatchObject({ relationship: 'direct', dev: true });
    expect(lockPackages(inv, '/app/poetry.lock').find((p) => p.name === 'flask')?.relationship).toBe('direct');
    expect(inv.unknowns.filter((u) => u.source === 'python-lock')).toEqual([]);
  });
});

describe('python-lock: one bad file or entry stays its own unknown', () => {
  it('a poetry.lock entry with a blank name is an unknown of that lock; its other entries and the other files of the layer are reported', async () => {
    const { output } = await runAnalyzer(pythonLockAnalyzer, [
      {
        files: {
          'app/requirements.txt': 'requests==2.19.0\nurllib3==1.24.1\n',
          'app2/poetry.lock': '[[package]]\nname = " "\nversion = "1.0"\n\n[[package]]\nname = "django"\nversion = "2.2.0"\n',
        },
      },
    ]);
    expect(output.packages?.map((p) => `${p.location} ${p.record.purl}`).sort()).toEqual([
      '/app/requirements.txt pkg:pypi/requests@2.19.0',
      '/app/requirements.txt pkg:pypi/urllib3@1.24.1',
      '/app2/poetry.lock pkg:pypi/django@2.2.0',
    ]);
    expect(output.unknowns?.map((u) => `${u.path} ${u.reason}`)).toEqual(['/app2/poetry.lock 1 entry without a usable name: not reported']);
  });

  it('a table or list of 150,000 bad values in any lock format is one problem, never a stack overflow', async () => {
    const n = 150_000;
    const keys = Array.from({ length: n }, (_, i) => `d${i}`);
    const files: Record<string, string> = {
      'a/poetry.lock': `[[package]]\nname = "a"\nversion = "1"\ngroups = [${keys.map(() => '1').join(',')}]\n[package.dependencies]\n${keys.map((k) => `${k} = 1`).join('\n')}\n`,
      'b/uv.lock': `version = 1\n[[package]]\nname = "a"\nversion = "1"\nsource = { virtual = "." }\ndependencies = [${keys.map(() => '1').join(',')}]\n[package.optional-dependencies]\n${keys.map((k) => `${k} = 1`).join('\n')}\n`,
      'c/pylock.toml': `lock-version = "1.0"\n[[packages]]\nname = "a"\nversion = "1"\ndependencies = [${keys.map(() => '1').join(',')}]\n`,
      'd/pyproject.toml': `[dependency-groups]\n${keys.map((k) => `${k} = 1`).join('\n')}\n`,
      'd/poetry.lock': '[[package]]\nname = "b"\nversion = "2"\n',
    };
    const { results } = await runAnalyzer(pythonLockAnalyzer, [{ files }]);
    const reasons = Object.fromEntries((results[0] ?? []).map((r) => [r.path, [r.unknowns ?? [], (r.packages ?? []).map((p) => p.purl)]]));
    expect(reasons).toEqual({
      'a/poetry.lock': [['package.0.groups: expected a list of strings'], []],
      'b/uv.lock': [['package.0.optional-dependencies: expected a table of lists'], []],
      'c/pylock.toml': [[`packages.0.dependencies.0: Invalid input: expected object, received number (and ${n - 1} more bad entries)`], ['pkg:pypi/a@1']],
      'd/pyproject.toml': [['pyproject.toml: dependency-groups: expected a table of lists'], []],
      'd/poetry.lock': [[], ['pkg:pypi/b@2']],
    });
  }, 60_000);
});
