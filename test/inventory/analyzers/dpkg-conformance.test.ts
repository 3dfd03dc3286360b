import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MergedPackage } from '../../../src/inventory/analyzer.js';
import { dpkgAnalyzer } from '../../../src/inventory/analyzers/dpkg.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer } from '../support/stub-merge-view.js';
import { parseTxtar } from '../support/txtar.js';

/** Trivy's dpkg analyzer test table (pkg/fanal/analyzer/pkg/dpkg), run through drydock's analyzer. */

interface TrivyPackage {
  Name: string;
  Version: string;
  Epoch?: number;
  Release?: string;
  SrcName?: string;
  SrcVersion?: string;
  SrcRelease?: string;
  SrcEpoch?: number;
  DependsOn?: string[];
  Maintainer?: string;
  Arch?: string;
  InstalledFiles?: string[];
  Digest?: string;
}

interface TrivyCase {
  name: string;
  txtar: string;
  want: { PackageInfos: Array<{ FilePath: string; Packages: TrivyPackage[] }>; SystemInstalledFiles?: string[] };
}

const DIR = sharedPath('conformance', 'trivy-parsers', 'analyzer_pkg_dpkg');
const cases = (JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8')) as { tests: TrivyCase[] }).tests;

function debVersion(epoch: number | undefined, version: string, release: string | undefined): string {
  return `${epoch === undefined ? '' : `${epoch}:`}${version}${release === undefined ? '' : `-${release}`}`;
}

/** Status paragraphs by package name, read naively (field lines only) for cross-checks. */
function rawParagraphs(txtar: string): Map<string, Record<string, string>> {
  const status = parseTxtar(txtar).files.get('var/lib/dpkg/status') ?? '';
  const out = new Map<string, Record<string, string>>();
  for (const para of status.split(/\n\s*\n/)) {
    const fields = Object.fromEntries([...para.matchAll(/^([\w-]+): (.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
    if (fields['Package']) out.set(fields['Package'], fields);
  }
  return out;
}

const namesIn = (field: string | undefined): string[] => [...(field ?? '').matchAll(/(?:^|[,|])\s*([a-z0-9][a-z0-9+.-]+)/g)].map((m) => m[1] ?? '');

/** Is `dep` named in the package's Pre-Depends, or a provider of a virtual package it depends on? */
function explainsExtra(raw: Map<string, Record<string, string>>, pkg: string, dep: string): boolean {
  const fields = raw.get(pkg) ?? {};
  if (namesIn(fields['Pre-Depends']).includes(dep)) return true;
  const wanted = [...namesIn(fields['Depends']), ...namesIn(fields['Pre-Depends'])];
  return namesIn(raw.get(dep)?.['Provides']).some((v) => wanted.includes(v));
}

async function analyze(txtarPath: string): Promise<MergedPackage[]> {
  const archive = parseTxtar(readFileSync(`${DIR}/${txtarPath}`, 'utf8'));
  const { output } = await runAnalyzer(dpkgAnalyzer, [{ files: Object.fromEntries(archive.files) }]);
  return output.packages ?? [];
}

describe('dpkg analyzer on Trivy conformance vectors', () => {
  it('has the vectors', () => {
    expect(cases.map((c) => c.name)).toEqual(['valid', 'corrupsed', 'only apt', 'happy path with digests', 'md5sums', 'third-party package']);
  });

  for (const tc of cases) {
    it(`matches Trivy: ${tc.name}`, async () => {
      const got = await analyze(tc.txtar);
      const raw = rawParagraphs(readFileSync(`${DIR}/${tc.txtar}`, 'utf8'));
      const want = tc.want.PackageInfos.flatMap((pi) => pi.Packages.map((p) => ({ file: `/${pi.FilePath}`, p })));
      expect(got.map((g) => g.record.name).sort()).toEqual(want.map((w) => w.p.Name).sort());
      const byName = new Map(got.map((g) => [g.record.name, g]));
      for (const { file, p } of want) {
        const g = byName.get(p.Name);
        expect(g, p.Name).toBeDefined();
        if (!g) continue;
        const r = g.record;
        expect(g.location).toBe(file);
        expect(r.type).toBe('deb');
        expect(r.version, p.Name).toBe(debVersion(p.Epoch, p.Version, p.Release));
        expect(r.epoch, p.Name).toBe(p.Epoch);
        expect(r.arch, p.Name).toBe(p.Arch);
        expect(r.source, p.Name).toEqual({ name: p.SrcName, version: debVersion(p.SrcEpoch, p.SrcVersion ?? '', p.SrcRelease) });
        expect(r.metadata?.['maintainer'], p.Name).toBe(p.Maintainer);
        // Trivy writes dependencies as name@version ids; drydock writes name:arch of the package it
        // resolved to (ids come after the merge).
        const trivyDeps = (p.DependsOn ?? []).map((d) => d.slice(0, d.lastIndexOf('@')));
        for (const ref of r.dependsOn ?? []) {
          const target = byName.get(ref.slice(0, ref.indexOf(':')));
          expect(ref, p.Name).toBe(`${target?.record.name}:${target?.record.arch}`);
        }
        const depNames = (r.dependsOn ?? []).map((d) => d.slice(0, d.indexOf(':')));
        expect(depNames, p.Name).toEqual(expect.arrayContaining(trivyDeps));
        // Deliberate difference: Trivy ignores Pre-Depends and virtual packages. dpkg does not —
        // Pre-Depends is the strongest dependency, and `Pre-Depends: awk` is satisfied by mawk's
        // `Provides: awk` — so every extra dependency drydock reports must come from one of those.
        for (const extra of depNames.filter((d) => !trivyDeps.includes(d))) {
          expect(explainsExtra(raw, p.Name, extra), `${p.Name} -> ${extra}`).toBe(true);
        }
        expect(r.files, p.Name).toEqual(p.InstalledFiles?.map((f) => f));
        // Deliberate difference: Trivy copies the .deb's SHA256 from var/lib/dpkg/available. That
        // file describes what apt could install, not what is installed, so drydock does not read it.
        if (p.Digest !== undefined) expect(r.metadata?.['digest']).toBeUndefined();
      }
    });
  }

  it('reports the malformed paragraphs of the corrupted status file instead of dropping them silently', async () => {
    const archive = parseTxtar(readFileSync(`${DIR}/testdata/corrupsed.txtar`, 'utf8'));
    const { output } = await runAnalyzer(dpkgAnalyzer, [{ files: Object.fromEntries(archive.files) }]);
    const reasons = (output.unknowns ?? []).map((u) => `${u.path ?? ''}: ${u.reason}`);
    // Trivy skips these two silently; neither has the Status every dpkg status entry must have.
    expect(reasons).toEqual([
      '/var/lib/dpkg/status: paragraph at line 63 (Package: brokenPackageWithNoVersionThatShouldGetThrownOut): no Status field',
      '/var/lib/dpkg/status: paragraph at line 85 (Package: invalidpkg): no Status field',
    ]);
  });
});
