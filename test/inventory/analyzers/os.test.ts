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

/**
 * Release files laid out as the distributions' images ship them: os-release in usr/lib with the
 * etc link, and the release files that are symlinks (contents abridged, values verbatim).
 */
describe('OS analyzer on release files behind symlinks', () => {
  const osRelease = (lines: string): StubLayer => ({
    files: { 'usr/lib/os-release': lines },
    symlinks: { 'etc/os-release': '../usr/lib/os-release' },
  });
  const run = async (...layers: StubLayer[]) => (await runAnalyzer(createOsAnalyzer({ now: new Date('2026-01-15T00:00:00Z') }), layers)).output;

  it('Amazon Linux 2023: etc/system-release -> amazon-linux-release gives the detailed version', async () => {
    const out = await run(
      osRelease('NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\nPLATFORM_ID="platform:al2023"\nPRETTY_NAME="Amazon Linux 2023.5.20240708"\n'),
      { files: { 'etc/amazon-linux-release': 'Amazon Linux release 2023.5.20240708 (Amazon Linux)\n' }, symlinks: { 'etc/system-release': 'amazon-linux-release' } },
    );
    expect(out.os).toMatchObject({ family: 'amazon', version: '2023', detailedVersion: '2023.5.20240708', eol: { date: '2029-06-30', reached: false } });
    expect(out.os?.evidence).toEqual(['/usr/lib/os-release', '/etc/amazon-linux-release']);
  });

  it('Amazon Linux 2023 without os-release falls back to the release file behind etc/system-release', async () => {
    const out = await run({ files: { 'etc/amazon-linux-release': 'Amazon Linux release 2023.6.20241010 (Amazon Linux)\n' }, symlinks: { 'etc/system-release': 'amazon-linux-release' } });
    expect(out.os).toMatchObject({ family: 'amazon', id: 'amzn', detailedVersion: '2023.6.20241010' });
  });

  it.each([
    {
      distro: 'Rocky Linux 9',
      os: 'NAME="Rocky Linux"\nVERSION="9.4 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\n',
      file: ['etc/rocky-release', 'Rocky Linux release 9.4 (Blue Onyx)\n'],
      links: { 'etc/redhat-release': 'rocky-release', 'etc/system-release': 'rocky-release' },
      want: { family: 'rocky', detailedVersion: '9.4' },
    },
    {
      distro: 'AlmaLinux 9',
      os: 'NAME="AlmaLinux"\nVERSION="9.4 (Seafoam Ocelot)"\nID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\n',
      file: ['etc/almalinux-release', 'AlmaLinux release 9.4 (Seafoam Ocelot)\n'],
      links: { 'etc/redhat-release': 'almalinux-release', 'etc/system-release': 'almalinux-release' },
      want: { family: 'alma', detailedVersion: '9.4' },
    },
    {
      distro: 'CentOS 7',
      os: 'NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\n',
      file: ['etc/centos-release', 'CentOS Linux release 7.9.2009 (Core)\n'],
      links: { 'etc/redhat-release': 'centos-release', 'etc/system-release': 'centos-release' },
      want: { family: 'centos', detailedVersion: '7.9.2009' },
    },
    {
      distro: 'CentOS Stream 9',
      os: 'NAME="CentOS Stream"\nVERSION="9"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="9"\n',
      file: ['etc/centos-release', 'CentOS Stream release 9\n'],
      links: { 'etc/redhat-release': 'centos-release', 'etc/system-release': 'centos-release' },
      want: { family: 'centos', detailedVersion: '9', eol: { date: '2027-05-31', reached: false } },
    },
    {
      distro: 'Fedora 41',
      os: 'NAME="Fedora Linux"\nVERSION="41 (Container Image)"\nID=fedora\nVERSION_ID=41\n',
      file: ['etc/fedora-release', 'Fedora release 41 (Forty One)\n'],
      links: { 'etc/redhat-release': 'fedora-release', 'etc/system-release': 'fedora-release' },
      want: { family: 'fedora', detailedVersion: '41' },
    },
    {
      distro: 'Oracle Linux 8',
      os: 'NAME="Oracle Linux Server"\nVERSION="8.10"\nID="ol"\nID_LIKE="fedora"\nVERSION_ID="8.10"\n',
      file: ['etc/oracle-release', 'Oracle Linux Server release 8.10\n'],
      links: { 'etc/system-release': 'oracle-release' },
      want: { family: 'oracle', detailedVersion: '8.10' },
    },
    {
      distro: 'Red Hat UBI 9',
      os: 'NAME="Red Hat Enterprise Linux"\nVERSION="9.4 (Plow)"\nID="rhel"\nID_LIKE="fedora"\nVERSION_ID="9.4"\n',
      file: ['etc/redhat-release', 'Red Hat Enterprise Linux release 9.4 (Plow)\n'],
      links: { 'etc/system-release': 'redhat-release' },
      want: { family: 'rhel', detailedVersion: '9.4' },
    },
  ])('$distro: the release file behind the links is read', async ({ os, file, links, want }) => {
    const [path = '', text = ''] = file;
    const out = await run(osRelease(os), { files: { [path]: text }, symlinks: links });
    expect(out.os).toMatchObject(want);
    expect(out.os?.evidence).toEqual(['/usr/lib/os-release', `/${path}`]);
    // Without os-release the same files identify the release (most specific file first).
    const bare = await run({ files: { [path]: text }, symlinks: links });
    expect(bare.os).toMatchObject({ family: want.family, detailedVersion: want.detailedVersion });
    expect(bare.os?.evidence).toEqual([`/${path}`]);
  });

  it('captures any etc/*-release file, so a link to a file it does not name is still read', () => {
    const analyzer = createOsAnalyzer();
    for (const p of ['etc/amazon-linux-release', 'etc/rocky-release', 'etc/almalinux-release', 'etc/centos-release', 'etc/oracle-release', 'etc/fedora-release', 'etc/some-vendor-release']) {
      expect(analyzer.required(p, { size: 100, mode: 0o644 }), p).toBe(true);
    }
    for (const p of ['etc/release', 'etc/rocky-release-upstream', 'etc/amazon-linux-release-cpe', 'usr/etc/os-release', 'etc/sub/x-release']) {
      expect(analyzer.required(p, { size: 100, mode: 0o644 }), p).toBe(false);
    }
  });
});
