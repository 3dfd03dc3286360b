import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { PackageRecord } from '../../../../src/core/package.js';
import { parseGoMod } from '../../../../src/inventory/parsers/go/gomod.js';
import { goModPackages } from '../../../../src/inventory/parsers/go/gomod-packages.js';
import { parseGoSum } from '../../../../src/inventory/parsers/go/gosum.js';
import { REPO_ROOT } from '../../../helpers/fixtures.js';

/**
 * Trivy's go.mod and go.sum parser tables (../shared/conformance/trivy-parsers/golang_mod and
 * golang_sum), run whole: every package Trivy expects must be there with its version and
 * relationship, the root's dependencies must match, and nothing else may appear — except where
 * drydock deliberately differs, each difference asserted below with the reason.
 */

const SHARED = join(dirname(REPO_ROOT), 'shared', 'conformance', 'trivy-parsers');

const refSchema = z.object({ $ref: z.string() });
const pkgSchema = z.object({ ID: z.string().optional(), Name: z.string(), Version: z.string().optional(), Relationship: refSchema.optional() });
const depSchema = z.object({ ID: z.string(), DependsOn: z.array(z.string()) });
const modCaseSchema = z.object({
  name: z.string(),
  file: z.string(),
  replace: z.boolean(),
  useMinVersion: z.boolean().optional(),
  wantPkgs: z.unknown(),
  wantDeps: z.array(depSchema),
});
const sumCaseSchema = z.object({ file: z.string(), want: z.array(pkgSchema), _inputCopied: z.boolean() });

type Want = z.infer<typeof pkgSchema>;

const RELATIONSHIP: Record<string, string> = {
  'ftypes.RelationshipRoot': 'root',
  'ftypes.RelationshipDirect': 'direct',
  'ftypes.RelationshipIndirect': 'indirect',
};

/**
 * The expected packages. The "normal" case is written in Go as the "normal with stdlib" list with
 * the stdlib entry deleted (slices.DeleteFunc over slices.Clone): evaluate that here.
 */
function wantedPackages(raw: unknown): Want[] {
  const direct = z.array(pkgSchema).safeParse(raw);
  if (direct.success) return direct.data;
  const call = z.object({ $call: z.literal('slices.DeleteFunc'), args: z.tuple([z.object({ args: z.tuple([z.array(pkgSchema)]) }), z.unknown()]) }).parse(raw);
  return call.args[0].args[0].filter((p) => p.Name !== 'stdlib');
}

const key = (name: string, version: string | undefined): string => `${name}@${version ?? ''}`;

function ours(file: string): PackageRecord[] {
  const mod = parseGoMod(readFileSync(join(SHARED, 'golang_mod', file), 'utf8'));
  expect(mod.problems).toEqual([]);
  const { packages, problems } = goModPackages(mod);
  expect(problems).toEqual([]);
  return packages;
}

/** Where drydock differs from Trivy on purpose: packages it adds and packages it leaves out. */
const DIFFERENCES: Record<string, { extra?: string[]; missing?: string[]; rootDeps?: string[]; why: string }> = {
  // Trivy's useMinVersion option makes a stdlib package from the toolchain directive. The toolchain
  // directive names the minimum toolchain, not the one a build used: drydock keeps it in the root's
  // metadata (asserted below) instead of reporting a stdlib version it cannot know.
  'normal with stdlib': { missing: ['stdlib@v1.22.5'], why: 'no stdlib package from go.mod' },
  // Trivy can be told to ignore replace directives; drydock always applies them, as the go command does.
  'no replace': {
    extra: ['github.com/aquasecurity/go-dep-parser@v0.0.0-20220406074731-71021a481237'],
    missing: ['github.com/aquasecurity/go-dep-parser@v0.0.0-20211110174639-8257534ffed3'],
    rootDeps: ['github.com/aquasecurity/go-dep-parser@v0.0.0-20220406074731-71021a481237'],
    why: 'replacements always applied',
  },
  // Trivy drops a module replaced by a local directory; drydock reports it under its module path
  // with Go's own version for directory replacements, "(devel)" (`go version -m` prints the same).
  'replaced with local path': { extra: ['golang.org/x/xerrors@(devel)'], why: 'directory replacement reported' },
  'replaced with local path and version': { extra: ['golang.org/x/xerrors@(devel)'], why: 'directory replacement reported' },
  // Before Go 1.17 go.mod lists only some indirect requirements, and Trivy takes all of them from
  // go.sum instead. The ones go.mod does list are real requirements: drydock keeps them (and adds
  // go.sum's others in its analyzer's merge, tested with the go-apps fixture).
  'go 1.16': { extra: ['gopkg.in/yaml.v3@v3.0.0-20210107192922-496545a6307b'], why: 'pre-1.17 indirect requirements kept' },
};

describe('Trivy golang/mod parser cases', () => {
  const { tests } = z.object({ tests: z.array(modCaseSchema) }).parse(JSON.parse(readFileSync(join(SHARED, 'golang_mod', 'cases.json'), 'utf8')));

  it('covers the whole table', () => {
    expect(tests.length).toBe(11);
  });

  for (const t of tests) {
    it(t.name, () => {
      const got = ours(t.file);
      const diff = DIFFERENCES[t.name] ?? { why: '' };
      const want = wantedPackages(t.wantPkgs).filter((w) => !(diff.missing ?? []).includes(key(w.Name, w.Version)));
      const byKey = new Map(got.map((p) => [key(p.name, p.relationship === 'root' ? undefined : p.version), p]));
      for (const w of want) {
        const p = byKey.get(key(w.Name, w.Version));
        expect(p, `${t.name}: ${key(w.Name, w.Version)}`).toBeDefined();
        if (w.Relationship) expect(p?.relationship).toBe(RELATIONSHIP[w.Relationship.$ref]);
        expect(p?.foundIn).toBe('manifest');
      }
      const expectedKeys = [...want.map((w) => key(w.Name, w.Version)), ...(diff.extra ?? [])].sort();
      expect([...byKey.keys()].sort(), diff.why).toEqual(expectedKeys);
      for (const m of diff.missing ?? []) expect(byKey.has(m)).toBe(false);

      const root = got.find((p) => p.relationship === 'root');
      const wantRootDeps = (t.wantDeps[0]?.DependsOn ?? []).filter((d) => !(diff.missing ?? []).includes(d));
      expect([...(root?.dependsOn ?? [])].sort()).toEqual([...(diff.rootDeps ?? wantRootDeps)].sort());
    });
  }

  it('keeps the go and toolchain directives in the root metadata', () => {
    const root = ours('testdata/normal/go.mod').find((p) => p.relationship === 'root');
    expect(root?.metadata).toEqual({ go: '1.22.0', toolchain: 'go1.22.5' });
    expect(root?.purl).toBe('pkg:golang/github.com/org/repo');
  });

  it('names a directory replacement in metadata and evidence', () => {
    const x = ours('testdata/replaced-with-local-path/go.mod').find((p) => p.name === 'golang.org/x/xerrors');
    expect(x?.metadata).toEqual({ replacedByDirectory: './xerrors', required: 'v0.0.0-20200804184101-5ec99f83aff1' });
    expect(x?.relationship).toBe('indirect');
    expect(x?.evidence?.[0]).toContain('local directory');
  });

  it('names the original of a module replacement', () => {
    const p = ours('testdata/replaced/go.mod').find((r) => r.name === 'github.com/aquasecurity/go-dep-parser');
    expect(p?.metadata).toEqual({ replaces: 'github.com/aquasecurity/go-dep-parser@v0.0.0-20211110174639-8257534ffed3' });
    expect(p?.purl).toBe('pkg:golang/github.com/aquasecurity/go-dep-parser@v0.0.0-20220406074731-71021a481237');
  });
});

describe('Trivy golang/sum parser cases', () => {
  const { tests } = z.object({ tests: z.array(sumCaseSchema) }).parse(JSON.parse(readFileSync(join(SHARED, 'golang_sum', 'cases.json'), 'utf8')));
  // gomod_trivy.sum (88 KB) was not copied into the conformance data; every case whose input is
  // there runs.
  const present = tests.filter((t) => existsSync(join(SHARED, 'golang_sum', t.file)));

  it('runs every case whose input was copied', () => {
    expect(present.map((t) => t.file)).toEqual(tests.filter((t) => t._inputCopied).map((t) => t.file));
    expect(present.length).toBe(3);
  });

  // Deliberate difference: Trivy makes a module of every line, `<version>/go.mod` hashes included.
  // Those only say the go command read that version's go.mod while building the module graph; a
  // module's code was needed only when its zip hash (a line without /go.mod) is there. drydock
  // takes zip lines only: Trivy's list less the modules (gopkg.in/check.v1 and yaml.v2 in
  // gomod_many.sum) that have nothing but go.mod hashes.
  for (const t of present) {
    it(t.file, () => {
      const text = readFileSync(join(SHARED, 'golang_sum', t.file), 'utf8');
      const sum = parseGoSum(text);
      expect(sum.problems).toEqual([]);
      const zips = new Set(text.split('\n').flatMap((l) => {
        const [path, version] = l.trim().split(/\s+/);
        return path && version && !version.endsWith('/go.mod') ? [key(path, version)] : [];
      }));
      const got = sum.modules.map((m) => key(m.path, m.version)).sort();
      const want = t.want.map((w) => key(w.Name, w.Version));
      expect(got).toEqual(want.filter((k) => zips.has(k)).sort());
      expect(want.length - got.length).toBe(t.file.endsWith('gomod_many.sum') ? 2 : 0);
    });
  }
});
