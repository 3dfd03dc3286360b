/**
 * The fs-facts analyzer: final-filesystem facts from the layer listings (tars written by Python's
 * tarfile, read by drydock's walker, merged with whiteouts), and from real fixture images compared
 * with what `find` says about the root filesystem umoci unpacked (whiteouts applied by umoci).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fsFactsAnalyzer } from '../../../src/inventory/analyzers/fs-facts.js';
import { createAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { assemble } from '../../../src/inventory/assemble.js';
import { readLayer } from '../../../src/inventory/layer-reader.js';
import type { LayerResult } from '../../../src/inventory/layer-result.js';
import { parseAccountFile } from '../../../src/inventory/parsers/accounts.js';
import type { FsFacts } from '../../../src/core/fs-facts.js';
import { makeTar, type TarSpecEntry } from '../../helpers/tar-maker.js';
import { ensureFixtures, fixture, type FixtureName } from '../../helpers/fixtures.js';
import { inventoryOf } from '../../helpers/drydock.js';

async function layer(entries: TarSpecEntry[]): Promise<LayerResult> {
  async function* src(): AsyncGenerator<Buffer> {
    yield makeTar(entries);
  }
  return readLayer(src(), { what: 't', analyzers: [fsFactsAnalyzer], maxLayerBytes: 1 << 30 });
}

async function factsOf(layers: TarSpecEntry[][]): Promise<FsFacts | undefined> {
  const results = await Promise.all(layers.map(layer));
  const inv = assemble({ kind: 'dir', reference: 't', layers: [] }, results, results.map((_, index) => ({ index })), {
    analyzers: [fsFactsAnalyzer],
    toolVersion: 'test',
    now: new Date('2026-07-01T00:00:00Z'),
  });
  return inv.fsFacts;
}

const file = (name: string, data = 'x', mode = 0o644): TarSpecEntry => ({ name, data, mode });
const dir = (name: string, mode = 0o755): TarSpecEntry => ({ name, type: 'dir', mode });

describe('fs-facts from layer listings', () => {
  it('keeps only what the final image still has: whiteouts, opaque directories and re-listed modes applied', async () => {
    const facts = await factsOf([
      [
        dir('usr'), dir('usr/bin'), file('usr/bin/busybox', 'elf', 0o755), { name: 'usr/bin/sh', type: 'symlink', linkname: 'busybox' },
        { name: 'usr/bin/bash', type: 'symlink', linkname: 'missing' }, { name: 'bin', type: 'symlink', linkname: 'usr/bin' },
        file('usr/bin/su', 'elf', 0o4755), file('usr/bin/wall', 'elf', 0o2755), file('usr/bin/gone', 'elf', 0o4755), file('usr/bin/sudo', 'e', 0o4711),
        file('usr/local/bin/pip3.12', 'py', 0o755), file('usr/bin/apt-get', 'elf', 0o755), file('usr/share/doc/apt-get', 'not a program'),
        dir('tmp', 0o1777), dir('srv'), dir('srv/drop', 0o777), dir('srv/fixed', 0o777), dir('srv/group', 0o775),
        dir('var/lib/apt/lists'), file('var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease', 'r'.repeat(1000)),
        file('var/lib/apt/lists/lock', ''), file('var/lib/apt/lists/partial/x', 'p'),
        file('var/cache/apt/pkgcache.bin', 'b'.repeat(300)), file('var/cache/apt/archives/sudo_1.9_amd64.deb', 'd'.repeat(50)),
        file('var/cache/apt/archives/lock', ''), file('root/.cache/pip/http/ab/cd', 'c'.repeat(70)), file('home/dev/.npm/_cacache/x', 'n'),
        file('app/.git/HEAD', 'ref'), file('app/.git/objects/ab', 'o'), file('app/Dockerfile', 'FROM x'), dir('app/.idea'),
        file('app/node_modules/left-pad/.git/HEAD', 'r'), file('app/.DS_Store', 'm'),
        file('etc/passwd', 'root:x:0:0::/root:/bin/sh\n# comment\ntoor:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n'),
        file('etc/group', 'root:x:0:\nwheel:x:10:\nadmins:x:10:\n'),
        file('etc/shadow', 'root:*:19000::::::\nguest::19000::::::\n'),
      ],
      [
        { name: 'usr/bin/.wh.gone', data: '' }, dir('srv/fixed', 0o755), { name: 'var/lib/apt/lists/.wh..wh..opq', data: '' },
        file('var/lib/apt/lists/lock', ''), file('etc/shadow', 'root:*:19000::::::\nguest:!:19000::::::\n'),
      ],
    ]);
    expect(facts).toBeDefined();
    const f = facts as FsFacts;
    expect(f.setuidFiles).toEqual([
      { path: '/usr/bin/su', mode: 0o4755, layer: 0 },
      { path: '/usr/bin/sudo', mode: 0o4711, layer: 0 },
      { path: '/usr/bin/wall', mode: 0o2755, layer: 0 },
    ]);
    expect(f.worldWritableDirs).toEqual([{ path: '/srv/drop', mode: 0o777, layer: 0 }]);
    expect(f.programs.map((p) => `${p.kind}:${p.name}:${p.path}`)).toEqual([
      'package-manager:apt-get:/usr/bin/apt-get',
      'shell:busybox:/usr/bin/busybox',
      'shell:sh:/usr/bin/sh', // the dangling bash link is not a shell
      'privilege:su:/usr/bin/su',
      'privilege:sudo:/usr/bin/sudo',
      'package-manager:pip3.12:/usr/local/bin/pip3.12',
    ]);
    expect(f.caches).toEqual([
      { kind: 'pip', path: '/root/.cache/pip', files: 1, bytes: 70, layers: [0] },
      { kind: 'npm', path: '/home/dev/.npm', files: 1, bytes: 1, layers: [0] },
      { kind: 'apt-pkgcache', path: '/var/cache/apt', files: 1, bytes: 300, layers: [0] },
      { kind: 'apt-archives', path: '/var/cache/apt/archives', files: 1, bytes: 50, layers: [0] },
    ].sort((a, b) => (a.path < b.path ? -1 : 1)));
    // .git and the .DS_Store / Dockerfile, but not the empty .idea, nor anything under node_modules
    expect(f.unnecessary.map((u) => u.path)).toEqual(['/app/.DS_Store', '/app/.git', '/app/Dockerfile', '/home/dev/.npm', '/root/.cache']);
    expect(f.accounts).toEqual({
      emptyPassword: [],
      duplicateIds: [
        { file: '/etc/passwd', kind: 'uid', id: '0', names: ['root', 'toor'], layer: 0 },
        { file: '/etc/group', kind: 'gid', id: '10', names: ['wheel', 'admins'], layer: 0 },
      ],
    });
    expect(f.truncated).toBeUndefined();
  });

  it('reports an empty password while the file that has it is the visible one', async () => {
    const f = await factsOf([[file('etc/shadow', 'root:*:19000::::::\nguest::19000::::::\n')]]);
    expect(f?.accounts.emptyPassword).toEqual([{ file: '/etc/shadow', name: 'guest', layer: 0 }]);
  });

  it('caps long lists and says how long they were', async () => {
    const many = Array.from({ length: 1005 }, (_, i) => file(`opt/s/f${String(i).padStart(4, '0')}`, 'x', 0o4755));
    const f = await factsOf([many]);
    expect(f?.setuidFiles).toHaveLength(1000);
    expect(f?.setuidFiles[999]?.path).toBe('/opt/s/f0999');
    expect(f?.truncated).toEqual({ setuidFiles: 1005 });
  });
});

describe('account databases', () => {
  it('keeps names and ids, never hashes; skips comments, blank and NIS lines', () => {
    const shadow = parseAccountFile('shadow', Buffer.from('root:$6$salt$hash:19000:0:99999:7:::\n\n#x::\n+::::\nnopw::1:::\nlocked:!:1:::\r\n'));
    expect(shadow).toEqual({ file: 'shadow', emptyPassword: ['nopw'], duplicateIds: [] });
    expect(JSON.stringify(shadow)).not.toContain('$6$');
    const passwd = parseAccountFile('passwd', Buffer.from('a:x:1000:1000::/:/bin/sh\nb::1000:1000::/:/bin/sh\nc:x:1001:1:::\n'));
    expect(passwd).toEqual({ file: 'passwd', emptyPassword: ['b'], duplicateIds: [{ id: '1000', names: ['a', 'b'] }] });
    expect(parseAccountFile('group', Buffer.from('g::5:\nh:x:5:\n'))).toEqual({ file: 'group', emptyPassword: [], duplicateIds: [{ id: '5', names: ['g', 'h'] }] });
  });
});

function isDir(p: string): boolean {
  try {
    execFileSync('test', ['-d', p, '-a', '!', '-L', p]);
    return true;
  } catch {
    return false;
  }
}

/** `find ROOT …` paths relative to ROOT with a leading slash, sorted. */
function find(root: string, ...args: string[]): string[] {
  const out = execFileSync('find', [root, ...args, '-printf', '/%P\\n'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '' && l !== '/').sort();
}

describe.each(['debian', 'alpine-layers', 'distroless'] satisfies FixtureName[])('real image %s against find(1) on its unpacked root filesystem', (name) => {
  it('setuid/setgid files, world-writable directories, programs', async () => {
    await ensureFixtures([name]);
    const f = fixture(name);
    const inv = await inventoryOf(`oci:${f.ociDir}`, { analyzers: createAnalyzers({ now: new Date() }) });
    const facts = inv.fsFacts as FsFacts;
    expect(facts.setuidFiles.map((s) => s.path)).toEqual(find(f.rootfs, '-type', 'f', '-perm', '/6000'));
    expect(facts.worldWritableDirs.map((s) => s.path)).toEqual(find(f.rootfs, '-type', 'd', '-perm', '-0002', '!', '-perm', '-1000'));
    const bins = ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'usr/local/bin', 'usr/local/sbin'].map((d) => `${f.rootfs}/${d}`);
    const names = ['sh', 'bash', 'ash', 'dash', 'zsh', 'busybox', 'apt', 'apt-get', 'dpkg', 'apk', 'rpm', 'yum', 'dnf', 'microdnf', 'pip', 'npm', 'sudo', 'su', 'doas'];
    const nameArgs = names.flatMap((n, i) => (i === 0 ? ['-name', n] : ['-o', '-name', n]));
    // a regular file, or a symlink to one (absolute targets taken inside the root filesystem); bin
    // dirs that are symlinks (merged /usr) are not listed twice
    const isFile = (p: string): boolean => {
      try {
        execFileSync('test', ['-f', p]);
        return true;
      } catch {
        return false;
      }
    };
    const found = bins.flatMap((b) => {
      if (!isDir(b)) return [];
      return find(b, '-maxdepth', '1', '(', ...nameArgs, ')', '(', '-type', 'f', '-o', '-type', 'l', ')')
        .filter((p) => {
          const abs = `${b}${p}`;
          const target = execFileSync('find', [abs, '-maxdepth', '0', '-printf', '%l'], { encoding: 'utf8' });
          if (target === '') return true;
          return isFile(target.startsWith('/') ? `${f.rootfs}${target}` : `${b}/${target}`);
        })
        .map((p) => `${b.slice(f.rootfs.length)}${p}`);
    });
    expect(facts.programs.map((p) => p.path).sort()).toEqual(found.sort());
    expect(facts.caches).toEqual([]);
    expect(facts.accounts).toEqual({ emptyPassword: [], duplicateIds: [] });
  });
});
