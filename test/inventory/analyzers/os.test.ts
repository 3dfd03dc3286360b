import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOsAnalyzer } from '../../../src/inventory/analyzers/os.js';
import { ALPINE_TARBALLS, alpineVersionOf, layerFromTarball, tarMember } from '../support/alpine-fixtures.js';
import { runAnalyzer, type StubLayer } from '../support/stub-merge-view.js';

/** This machine's OS files laid out as in an image: etc/os-release is a symlink on Debian 12. */
function machineOsLayer(): StubLayer {
  const layer: StubLayer = { files: {}, symlinks: {} };
  const target = realpathSync('/etc/os-release').slice(1);
  layer.files = { [target]: readFileSync('/etc/os-release'), 'etc/debian_version': readFileSync('/etc/debian_version') };
  if (target !== 'etc/os-release') layer.symlinks = { 'etc/os-release': readlinkSync('/etc/os-release') };
  return layer;
}

/** os-release values as the shell reads them. */
const shell = (key: string): string => execFileSync('sh', ['-c', `. /etc/os-release; printf %s "$${key}"`], { encoding: 'utf8' });

describe('OS analyzer on this Debian machine', () => {
  it('follows the os-release symlink and adds the point release from debian_version', async () => {
    const { output } = await runAnalyzer(createOsAnalyzer({ now: new Date('2026-01-15T00:00:00Z') }), [machineOsLayer()]);
    const target = realpathSync('/etc/os-release');
    expect(output.os).toEqual({
      family: 'debian',
      name: shell('NAME'),
      id: shell('ID'),
      version: shell('VERSION_ID'),
      detailedVersion: readFileSync('/etc/debian_version', 'utf8').trim(),
      codename: shell('VERSION_CODENAME'),
      prettyName: shell('PRETTY_NAME'),
      // Debian 12: LTS until 2028-06-30 (wiki.debian.org/LTS).
      eol: { date: '2028-06-30', reached: false },
      evidence: [target, '/etc/debian_version'],
    });
    expect(output.unknowns).toEqual([]);
  });

  it('judges EOL against the scan date it is given', async () => {
    const at = async (now: string): Promise<boolean | undefined> =>
      (await runAnalyzer(createOsAnalyzer({ now: new Date(now) }), [machineOsLayer()])).output.os?.eol?.reached;
    expect(await at('2028-06-29T12:00:00Z')).toBe(false);
    expect(await at('2028-06-30T00:00:00Z')).toBe(true);
  });

  it('marks a Debian image distroless when it has status.d but no status file', async () => {
    const distroless: StubLayer = { files: { 'var/lib/dpkg/status.d/base-files': execFileSync('dpkg-query', ['-s', 'base-files']) } };
    const withStatus: StubLayer = { files: { 'var/lib/dpkg/status': readFileSync('/var/lib/dpkg/status') } };
    const a = createOsAnalyzer();
    expect((await runAnalyzer(a, [machineOsLayer(), distroless])).output.os?.distroless).toBe(true);
    expect((await runAnalyzer(a, [machineOsLayer(), distroless, withStatus])).output.os?.distroless).toBeUndefined();
    expect((await runAnalyzer(a, [machineOsLayer()])).output.os?.distroless).toBeUndefined();
  });

  it('falls back to usr/lib/os-release, then to the release files', async () => {
    const a = createOsAnalyzer();
    const noEtc: StubLayer = { files: { 'usr/lib/os-release': readFileSync('/etc/os-release') } };
    expect((await runAnalyzer(a, [noEtc])).output.os?.evidence).toEqual(['/usr/lib/os-release']);
    const onlyDebianVersion: StubLayer = { files: { 'etc/debian_version': readFileSync('/etc/debian_version') } };
    const os = (await runAnalyzer(a, [onlyDebianVersion])).output.os;
    expect(os?.family).toBe('debian');
    expect(os?.detailedVersion).toBe(readFileSync('/etc/debian_version', 'utf8').trim());
  });

  it('sees a later layer replace the OS files, and a deleted os-release', async () => {
    const a = createOsAnalyzer();
    const alpine = layerFromTarball(ALPINE_TARBALLS[2] ?? '');
    const replaced = (await runAnalyzer(a, [machineOsLayer(), { deletes: ['etc', 'usr'] }, alpine])).output.os;
    expect(replaced?.family).toBe('alpine');
    const gone = (await runAnalyzer(a, [machineOsLayer(), { deletes: ['usr/lib/os-release', 'etc/debian_version'] }])).output;
    expect(gone.os).toBeUndefined();
  });

  it('reports an unreadable os-release line as an unknown', async () => {
    const { output } = await runAnalyzer(createOsAnalyzer(), [{ files: { 'etc/os-release': 'ID=debian\nVERSION_ID="12\n' } }]);
    expect(output.os?.id).toBe('debian');
    expect(output.unknowns).toEqual([{ path: '/etc/os-release', layer: { index: 0 }, source: 'os', reason: 'line 2: unterminated double quote' }]);
  });
});

describe.each(ALPINE_TARBALLS)('OS analyzer on %s', (tarball) => {
  it('detects Alpine with the release from etc/alpine-release and its EOL', async () => {
    const { output } = await runAnalyzer(createOsAnalyzer({ now: new Date('2024-10-01T00:00:00Z') }), [layerFromTarball(tarball)]);
    const release = tarMember(tarball, 'etc/alpine-release').toString('utf8').trim();
    expect(release).toBe(alpineVersionOf(tarball));
    expect(output.os).toMatchObject({ family: 'alpine', id: 'alpine', name: 'Alpine Linux', version: release, detailedVersion: release });
    expect(output.os?.evidence).toEqual(['/etc/os-release', '/etc/alpine-release']);
    // alpinelinux.org/releases: 3.18 → 2025-05-09, 3.19 → 2025-11-01, 3.20 → 2026-04-01; all supported in Oct 2024.
    const branch = release.split('.').slice(0, 2).join('.');
    const dates: Record<string, string> = { '3.18': '2025-05-09', '3.19': '2025-11-01', '3.20': '2026-04-01' };
    expect(output.os?.eol).toEqual({ date: dates[branch], reached: false });
  });
});
