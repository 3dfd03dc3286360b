import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { field, parseCoreMetadata } from '../../../../src/inventory/parsers/python/core-metadata.js';
import type { LockPackage, LockParse } from '../../../../src/inventory/parsers/python/lock-package.js';
import { pythonLicenses } from '../../../../src/inventory/parsers/python/licenses.js';
import { normalizePypiName } from '../../../../src/inventory/parsers/python/names.js';
import { parsePipfileLock } from '../../../../src/inventory/parsers/python/pipfile-lock.js';
import { parsePoetryLock } from '../../../../src/inventory/parsers/python/poetry-lock.js';
import { parsePylock } from '../../../../src/inventory/parsers/python/pylock.js';
import { parseRequirements } from '../../../../src/inventory/parsers/python/requirements.js';
import { parseUvLock } from '../../../../src/inventory/parsers/python/uv-lock.js';
import { sharedPath } from '../../support/shared.js';

/**
 * Trivy's Python parser tables (pkg/dependency/parser/python/*), run through drydock's parsers.
 * Names compare PEP 503-normalised: drydock reports normalised names (the display name is kept in
 * metadata), Trivy keeps some as written (`Flask`, `Jinja2`).
 */

interface TrivyPkg {
  ID?: string;
  Name: string;
  Version: string;
  Dev?: boolean;
  Relationship?: { $ref: string };
  Licenses?: string[] | null;
  Locations?: Array<{ StartLine: number; EndLine: number }>;
}
interface TrivyDep {
  ID: string;
  DependsOn: string[];
}
interface TrivyCase {
  name?: string;
  file?: string;
  filePath?: string;
  input?: string;
  want?: TrivyPkg[] | null;
  wantPkgs?: TrivyPkg[];
  wantDeps?: TrivyDep[];
  wantErr?: unknown;
  useMinVersion?: boolean;
  _inputCopied?: boolean;
}

const ROOT = sharedPath('conformance', 'trivy-parsers');
const LOCAL = join(import.meta.dirname, 'testdata');
function cases(parser: string): TrivyCase[] {
  return (JSON.parse(readFileSync(join(ROOT, parser, 'cases.json'), 'utf8')) as { tests: TrivyCase[] }).tests;
}
function input(parser: string, c: TrivyCase): Buffer {
  const rel = c.file ?? c.filePath ?? c.input ?? '';
  // uv_normal.lock is too big for the shared copy: a trimmed copy lives in testdata/ (see README)
  return c._inputCopied === false ? readFileSync(join(LOCAL, rel.replace(/^testdata\//, ''))) : readFileSync(join(ROOT, parser, rel));
}
/** `wantErr` is a message, `true`, or {$ref: assert.Error}; `assert.NoError` means success. */
const wantsError = (c: TrivyCase): boolean =>
  c.wantErr !== undefined && !(typeof c.wantErr === 'object' && c.wantErr !== null && (c.wantErr as { $ref?: string }).$ref === 'assert.NoError');
const title = (c: TrivyCase): string => c.name ?? c.file ?? c.filePath ?? '?';
const RELATIONSHIP: Record<string, LockPackage['relationship']> = {
  'ftypes.RelationshipRoot': 'root',
  'ftypes.RelationshipDirect': 'direct',
  'ftypes.RelationshipIndirect': 'indirect',
};

/** Every expected package is found with the same version, dev flag and relationship (where given). */
function expectPackages(got: LockParse, want: readonly TrivyPkg[], lines = false): void {
  const byKey = new Map(got.packages.map((p) => [`${p.name}@${p.version}`, p]));
  for (const w of want) {
    const key = `${normalizePypiName(w.Name)}@${w.Version}`;
    const p = byKey.get(key);
    expect(p, key).toBeDefined();
    expect(p?.dev === true, `${key} dev`).toBe(w.Dev === true);
    if (w.Relationship) expect(p?.relationship, `${key} relationship`).toBe(RELATIONSHIP[w.Relationship.$ref]);
    if (lines && w.Locations?.[0]) expect(p?.line, `${key} line`).toBe(w.Locations[0].StartLine);
  }
  expect(got.packages.length).toBe(want.length);
}

function dependencies(got: LockParse): Record<string, string[]> {
  return Object.fromEntries(got.packages.filter((p) => p.dependsOn?.length).map((p) => [`${p.name}@${p.version}`, p.dependsOn ?? []]));
}
const trivyDeps = (want: readonly TrivyDep[]): Record<string, string[]> => Object.fromEntries(want.map((d) => [d.ID, [...d.DependsOn].sort()]));

describe('requirements.txt (Trivy python/pip)', () => {
  for (const c of cases('python_pip')) {
    it(title(c), () => {
      const got = parseRequirements(input('python_pip', c));
      if (c.useMinVersion === true) {
        // Deliberate: Trivy's useMinVersion option turns ranges (`>=4.1.1`, `~=1.1`) into their lower
        // bound. drydock reports only pinned versions: a range says nothing about what is installed.
        expect(got.packages).toEqual([]);
        return;
      }
      expectPackages(got, c.want ?? [], true);
    });
  }
  it('reports the lines that are not requirements (a template, a bare specifier)', () => {
    const template = parseRequirements(input('python_pip', { filePath: 'testdata/requirements_with_templating_engine.txt' }));
    expect(template.problems).toEqual(['not a requirement specifier: lines 1, 2, 3, 4']);
    expect(parseRequirements(input('python_pip', { filePath: 'testdata/requirements_no_version.txt' })).problems).toEqual([
      'not a requirement specifier: line 3',
    ]);
  });
});

describe('Pipfile.lock (Trivy python/pipenv)', () => {
  for (const c of cases('python_pipenv')) it(title(c), () => expectPackages(parsePipfileLock(input('python_pipenv', c).toString('utf8')), c.want ?? []));
});

describe('poetry.lock (Trivy python/poetry)', () => {
  for (const c of cases('python_poetry')) {
    it(title(c), () => {
      const got = parsePoetryLock(input('python_poetry', c).toString('utf8'));
      expect(got.problems).toEqual([]);
      expectPackages(got, c.wantPkgs ?? []);
      const want = trivyDeps(c.wantDeps ?? []);
      if (c.file?.endsWith('poetry_flask.lock')) {
        // Deliberate: Trivy's lock 1.x reading leaves out pytest's edges to dev packages; the lock lists
        // all eight, and drydock reports all eight (the Poetry 2 case below agrees with Trivy).
        want['pytest@5.4.3'] = ['atomicwrites@1.4.1', 'attrs@25.1.0', 'colorama@0.4.6', 'more-itertools@10.6.0', 'packaging@24.2', 'pluggy@0.13.1', 'py@1.11.0', 'wcwidth@0.2.13'];
      }
      expect(dependencies(got)).toEqual(want);
    });
  }
});

describe('uv.lock (Trivy python/uv)', () => {
  for (const c of cases('python_uv')) {
    it(title(c), () => {
      const got = parseUvLock(input('python_uv', c).toString('utf8'));
      expect(got.problems).toEqual([]);
      if (wantsError(c)) {
        // Deliberate: Trivy rejects a lock without exactly one root ("must contain 1 root package").
        // drydock still reports the locked packages: with several workspace members each is a root;
        // without one, relationships are unknown.
        const roots = got.packages.filter((p) => p.relationship === 'root').map((p) => p.name);
        expect(got.packages.find((p) => p.name === 'asyncio')?.version).toBe('3.4.3');
        expect(roots.sort()).toEqual(title(c) === 'multiple roots' ? ['bar', 'foo'] : []);
        return;
      }
      expectPackages(got, c.wantPkgs ?? []);
      expect(dependencies(got)).toEqual(trivyDeps(c.wantDeps ?? []));
    });
  }
});

describe('pylock.toml (Trivy python/pylock)', () => {
  for (const c of cases('python_pylock')) {
    it(title(c), () => {
      const got = parsePylock(input('python_pylock', c).toString('utf8'));
      if (wantsError(c)) {
        expect(got.packages).toEqual([]);
        expect(got.problems).toHaveLength(1);
        return;
      }
      expect(got.problems).toEqual([]);
      expectPackages(got, c.wantPkgs ?? []);
      // Deliberate: ham 3.0.0 is locked twice (one entry per platform marker), depending on spam
      // 1.0.0 on Linux and spam 1.1.0 on Windows; Trivy keeps the last entry's edge, drydock both.
      expect(dependencies(got)).toEqual({ ...trivyDeps(c.wantDeps ?? []), 'ham@3.0.0': ['spam@1.0.0', 'spam@1.1.0'] });
    });
  }
});

describe('core metadata (Trivy python/packaging)', () => {
  // Deliberate license differences: classifiers and License fields are mapped to SPDX where the
  // mapping is unambiguous; `UNKNOWN` is a placeholder, not a license; a License-File is not a
  // license name. The setuptools PKG-INFO has an empty line inside its Description: the header
  // block ends there (as importlib.metadata reads it), so its License classifier is description text.
  const LICENSES: Record<string, string[]> = {
    'setuptools-51.3.3-py3.8.egg-info.PKG-INFO': [],
    'unidecode-egg-info.PKG-INFO': [],
    'distlib-0.3.1.METADATA': ['PSF-2.0'],
    'pyphen-0.14.0.METADATA': ['GPL-2.0-or-later', 'LGPL-2.0-or-later', 'MPL-1.1'],
    'zipp-3.12.1.METADATA': ['MIT'],
    'networkx-3.0.METADATA': [],
  };
  for (const c of cases('python_packaging')) {
    it(`${title(c)}: ${c.input}`, () => {
      const meta = parseCoreMetadata(input('python_packaging', c));
      if (wantsError(c)) {
        expect(field(meta, 'name')).toBeUndefined();
        return;
      }
      const want = c.want?.[0];
      expect(field(meta, 'name')).toBe(want?.Name);
      expect(field(meta, 'version')).toBe(want?.Version);
      const file = (c.input ?? '').replace(/^testdata\//, '');
      expect(pythonLicenses(meta).licenses).toEqual(LICENSES[file] ?? want?.Licenses ?? []);
    });
  }
});
