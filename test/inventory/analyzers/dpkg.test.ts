import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MergedPackage, MergeOutput } from '../../../src/inventory/analyzer.js';
import { dpkgAnalyzer, dpkgFileKind } from '../../../src/inventory/analyzers/dpkg.js';
import { runAnalyzer, type StubLayer } from '../support/stub-merge-view.js';

/**
 * Ground truth from the machine the tests run on (Debian 12): its own dpkg database, read through
 * the analyzer, against what dpkg-query reports.
 */

const dpkgQuery = (...args: string[]): string => execFileSync('dpkg-query', args, { encoding: 'utf8', maxBuffer: 64 << 20 });

/** This machine's dpkg database and copyright files as one image layer. */
function machineLayer(): StubLayer {
  const files: Record<string, Buffer> = { 'var/lib/dpkg/status': readFileSync('/var/lib/dpkg/status') };
  const symlinks: Record<string, string> = {};
  for (const name of readdirSync('/var/lib/dpkg/info')) {
    const path = `var/lib/dpkg/info/${name}`;
    if (dpkgFileKind(path) !== undefined) files[path] = readFileSync(`/${path}`);
  }
  for (const name of readdirSync('/usr/share/doc')) {
    const dir = `usr/share/doc/${name}`;
    const st = lstatSync(`/${dir}`);
    if (st.isSymbolicLink()) symlinks[dir] = readlinkSync(`/${dir}`);
    if (!st.isDirectory()) continue;
    try {
      const c = lstatSync(`/${dir}/copyright`);
      if (c.isSymbolicLink()) symlinks[`${dir}/copyright`] = readlinkSync(`/${dir}/copyright`);
      else if (c.isFile()) files[`${dir}/copyright`] = readFileSync(`/${dir}/copyright`);
    } catch {
      // no copyright file in this doc directory
    }
  }
  return { files, symlinks };
}

const key = (name: string, arch: string | undefined): string => `${name}:${arch ?? ''}`;

describe('dpkg analyzer against this Debian machine', () => {
  let output: MergeOutput;
  let byKey: Map<string, MergedPackage>;

  beforeAll(async () => {
    ({ output } = await runAnalyzer(dpkgAnalyzer, [machineLayer()]));
    byKey = new Map((output.packages ?? []).map((p) => [key(p.record.name, p.record.arch), p]));
  });

  it('finds exactly the packages dpkg-query reports as installed, with versions and sources', () => {
    const rows = dpkgQuery('-W', '-f', '${binary:Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\t${db:Status-Abbrev}\n')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split('\t'));
    // Second letter of the abbreviation: n = not-installed and c = config-files have no package
    // files on disk; every other state (installed, triggers due, unpacked, half-*) does.
    const installed = rows.filter((r) => /^.[^nc]/.test(r[5] ?? ''));
    expect(installed.length).toBeGreaterThan(100);
    const want = installed.map(([bin = '', version, arch, srcName, srcVersion]) => ({
      key: key(bin.replace(/:[^:]+$/, ''), arch),
      version,
      source: { name: srcName, version: srcVersion },
    }));
    const got = (output.packages ?? []).map((p) => ({
      key: key(p.record.name, p.record.arch),
      version: p.record.version,
      source: p.record.source,
    }));
    const sortByKey = <T extends { key: string }>(xs: T[]): T[] => [...xs].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(sortByKey(got)).toEqual(sortByKey(want));
    expect(output.unknowns).toEqual([]);
  });

  it('reads the epoch out of the version', () => {
    const withEpoch = (output.packages ?? []).filter((p) => p.record.version.includes(':'));
    expect(withEpoch.length).toBeGreaterThan(0);
    for (const p of withEpoch) expect(`${p.record.epoch}:`).toBe(p.record.version.slice(0, p.record.version.indexOf(':') + 1));
    for (const p of output.packages ?? []) if (!p.record.version.includes(':')) expect(p.record.epoch).toBeUndefined();
  });

  it.each(['bash', 'coreutils', 'libc6:amd64', 'zlib1g:amd64', 'tar'])('lists the files dpkg-query -L gives for %s', (pkg) => {
    const listed = dpkgQuery('-L', pkg)
      .split('\n')
      .filter((l) => l.startsWith('/') && l !== '/.');
    const [name = '', arch] = pkg.split(':');
    const record = byKey.get(key(name, arch ?? dpkgQuery('-W', '-f', '${Architecture}', pkg)))?.record;
    expect(record?.files).toEqual(listed);
  });

  it('resolves dependencies to installed packages, Pre-Depends included', () => {
    const names = new Set((output.packages ?? []).map((p) => p.record.name));
    // Every edge is name:arch of an installed package.
    for (const p of output.packages ?? []) for (const d of p.record.dependsOn ?? []) expect(byKey.has(d), `${p.record.name} -> ${d}`).toBe(true);
    const bash = byKey.get(key('bash', 'amd64'))?.record;
    const preDepends = dpkgQuery('-W', '-f', '${Pre-Depends}', 'bash')
      .split(',')
      .map((g) => g.trim().split(/[\s(:]/)[0] ?? '')
      .filter((n) => names.has(n));
    expect(preDepends.length).toBeGreaterThan(0);
    expect(bash?.dependsOn?.map((d) => d.slice(0, d.indexOf(':')))).toEqual(expect.arrayContaining(preDepends));
  });

  it.each(['bash', 'coreutils', 'tar', 'gzip', 'sed'])('takes license names from the machine-readable copyright of %s', (pkg) => {
    const text = readFileSync(`/usr/share/doc/${pkg}/copyright`, 'utf8');
    // Independent reading: every License: short name anywhere in the file.
    const everywhere = new Set([...text.matchAll(/^License: *(.+)$/gm)].flatMap((m) => (m[1] ?? '').split(/\s+or\s+|\s+and\s+/i).map((s) => s.replace(/\s+with\s+.*$/i, '').trim())));
    const record = [...byKey.values()].find((p) => p.record.name === pkg)?.record;
    const declared = record?.metadata?.['declaredLicense']?.split(', ') ?? record?.licenses ?? [];
    expect(declared.length).toBeGreaterThan(0);
    for (const name of declared) expect(everywhere.has(name), name).toBe(true);
    expect(record?.licenses.length).toBe(new Set(record?.licenses).size);
  });

  it('keeps packages without a machine-readable copyright license-free rather than guessing', () => {
    const text = readFileSync('/usr/share/doc/libc6/copyright', 'utf8');
    expect(text.startsWith('Format:')).toBe(false);
    expect(byKey.get(key('libc6', 'amd64'))?.record.licenses).toEqual([]);
  });
});

/** Real status paragraphs and md5sums of installed packages, laid out as a distroless image does. */
function distrolessLayer(pkgs: readonly string[]): StubLayer {
  const files: Record<string, string | Buffer> = {};
  for (const pkg of pkgs) {
    const name = pkg.replace(/:.*$/, '');
    files[`var/lib/dpkg/status.d/${name}`] = dpkgQuery('-s', pkg);
    const md5 = [`/var/lib/dpkg/info/${pkg}.md5sums`, `/var/lib/dpkg/info/${name}.md5sums`].find((p) => {
      try {
        return lstatSync(p).isFile();
      } catch {
        return false;
      }
    });
    if (md5 !== undefined) files[`var/lib/dpkg/status.d/${name}.md5sums`] = readFileSync(md5);
  }
  return { files, dirs: ['var/lib/dpkg/status.d'] };
}

describe('dpkg analyzer on a distroless layout', () => {
  const pkgs = ['base-files', 'libc6:amd64', 'libssl3:amd64', 'netbase', 'tzdata', 'zlib1g:amd64'];

  it('reads status.d paragraphs and their md5sums', async () => {
    const { output } = await runAnalyzer(dpkgAnalyzer, [distrolessLayer(pkgs)]);
    const got = output.packages ?? [];
    expect(got.map((p) => `${p.record.name}=${p.record.version}`).sort()).toEqual(
      pkgs.map((p) => dpkgQuery('-W', '-f', '${Package}=${Version}', p)).sort(),
    );
    for (const p of got) {
      expect(p.location).toBe(`/var/lib/dpkg/status.d/${p.record.name}`);
      const md5 = pkgs.find((x) => x.replace(/:.*$/, '') === p.record.name) ?? '';
      const awk = execFileSync('awk', ['{print "/" $2}', `/var/lib/dpkg/info/${md5}.md5sums`], { encoding: 'utf8' });
      expect(p.record.files).toEqual(awk.split('\n').filter((l) => l !== ''));
    }
    const libssl = got.find((p) => p.record.name === 'libssl3');
    expect(libssl?.record.dependsOn).toContain('libc6:amd64');
    expect(output.unknowns).toEqual([]);
  });
});

describe('dpkg analyzer across layers', () => {
  const para = (pkg: string): string => dpkgQuery('-s', pkg);

  it('attributes each package to the layer that introduced it and honours whiteouts', async () => {
    const status = (...pkgs: string[]): string => pkgs.map(para).join('\n');
    const layers: StubLayer[] = [
      { files: { 'var/lib/dpkg/status': status('base-files', 'netbase') } },
      { files: { 'var/lib/dpkg/status': status('base-files', 'netbase', 'tzdata') } },
      { files: { 'var/lib/dpkg/status': status('base-files', 'tzdata') } },
    ];
    const { output } = await runAnalyzer(dpkgAnalyzer, layers);
    const origin = Object.fromEntries((output.packages ?? []).map((p) => [p.record.name, p.layer?.index]));
    expect(origin).toEqual({ 'base-files': 0, tzdata: 1 });

    const rebuilt = await runAnalyzer(dpkgAnalyzer, [...layers, { deletes: ['var/lib/dpkg'], files: { 'var/lib/dpkg/status': status('base-files') } }]);
    expect((rebuilt.output.packages ?? []).map((p) => [p.record.name, p.layer?.index])).toEqual([['base-files', 3]]);
  });

  it('drops packages whose status is not installed and reports broken paragraphs as unknowns', async () => {
    const removed = para('netbase').replace('Status: install ok installed', 'Status: deinstall ok config-files');
    const held = para('tzdata').replace('Status: install ok installed', 'Status: hold ok installed');
    const broken = para('base-files').replace(/^Version: .*$/m, 'Version: 1:#broken');
    const { output } = await runAnalyzer(dpkgAnalyzer, [{ files: { 'var/lib/dpkg/status': [removed, held, broken].join('\n') } }]);
    expect((output.packages ?? []).map((p) => p.record.name)).toEqual(['tzdata']);
    expect(output.unknowns?.map((u) => u.reason)).toEqual([expect.stringMatching(/Package: base-files\): invalid version "1:#broken"$/)]);
  });
});

describe('dpkg dependencies on a multi-arch system', () => {
  const para = (name: string, arch: string, extra = ''): string =>
    `Package: ${name}\nStatus: install ok installed\nArchitecture: ${arch}\nVersion: 1.0-1\n${extra}`;
  const deps = async (...paras: string[]): Promise<Record<string, string[] | undefined>> => {
    const { output } = await runAnalyzer(dpkgAnalyzer, [{ files: { 'var/lib/dpkg/status': paras.join('\n') } }]);
    return Object.fromEntries((output.packages ?? []).map((p) => [`${p.record.name}:${p.record.arch}`, p.record.dependsOn]));
  };

  it('links an i386 package to the i386 library, an amd64 one to the amd64 library (name:arch)', async () => {
    const got = await deps(
      para('libc6', 'amd64', 'Depends: libgcc-s1\n'),
      para('libc6', 'i386', 'Depends: libgcc-s1\n'),
      para('libgcc-s1', 'amd64', 'Depends: libc6 (>= 2.35), gcc-12-base (= 1.0-1)\n'),
      para('libgcc-s1', 'i386', 'Depends: libc6 (>= 2.35), gcc-12-base (= 1.0-1)\n'),
      para('gcc-12-base', 'amd64'),
      para('gcc-12-base', 'i386'),
    );
    expect(got['libgcc-s1:i386']).toEqual(['gcc-12-base:i386', 'libc6:i386']);
    expect(got['libgcc-s1:amd64']).toEqual(['gcc-12-base:amd64', 'libc6:amd64']);
    expect(got['libc6:i386']).toEqual(['libgcc-s1:i386']);
  });

  it('falls back to architecture all, then to any architecture; honours explicit qualifiers', async () => {
    const got = await deps(
      para('tzdata', 'all'),
      para('tool', 'i386', 'Depends: tzdata, python3:any, helper, libz1:amd64\n'),
      para('python3', 'amd64'),
      para('helper', 'all'),
      para('helper', 'amd64'),
      para('libz1', 'amd64'),
      para('libz1', 'i386'),
    );
    expect(got['tool:i386']).toEqual(['helper:all', 'libz1:amd64', 'python3:amd64', 'tzdata:all']);
  });

  it('resolves virtual packages to the provider of the same architecture', async () => {
    const got = await deps(
      para('mawk', 'amd64', 'Provides: awk\n'),
      para('mawk', 'i386', 'Provides: awk\n'),
      para('script', 'i386', 'Pre-Depends: awk\n'),
    );
    expect(got['script:i386']).toEqual(['mawk:i386']);
  });

  it('writes a bare name when the target has no Architecture', async () => {
    const got = await deps('Package: nameonly\nStatus: install ok installed\nVersion: 1\n', para('user', 'amd64', 'Depends: nameonly\n'));
    expect(got['user:amd64']).toEqual(['nameonly']);
  });
});
