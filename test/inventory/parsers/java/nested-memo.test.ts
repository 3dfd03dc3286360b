import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WALK_LIMITS, walkArchive, type WalkResult } from '../../../../src/inventory/parsers/java/archive-walk.js';
import { BufferSource } from '../../../../src/inventory/parsers/java/byte-source.js';
import { NestedMemo } from '../../../../src/inventory/parsers/java/nested-memo.js';
import { crc32, makeZip, pomEntry, type MakeEntry } from './zip-maker.js';

const jar = (artifact: string, nested: MakeEntry[] = []): Buffer => makeZip([pomEntry('x', artifact, '1'), ...nested]);
const walk = (buf: Buffer, path: string, memo: NestedMemo, maxDepth = DEFAULT_WALK_LIMITS.maxDepth): Promise<WalkResult> =>
  walkArchive(new BufferSource(buf), path, { scratchRoot: () => Promise.resolve(tmpdir()), memo, limits: { ...DEFAULT_WALK_LIMITS, maxDepth } });
const found = (r: WalkResult): string[] => r.packages.map((p) => `${p.name} ${p.metadata?.['archive']}`);

describe('nested archives remembered by content', () => {
  it('reuses what a library held, re-rooted where it is met again', async () => {
    const memo = new NestedMemo();
    const lib = jar('lib', [{ name: 'inner/dep.jar', data: jar('dep') }]);
    const first = await walk(jar('app1', [{ name: 'WEB-INF/lib/lib.jar', data: lib }]), '/a.war', memo);
    expect(found(first)).toEqual(['x:app1 /a.war', 'x:lib /a.war!/WEB-INF/lib/lib.jar', 'x:dep /a.war!/WEB-INF/lib/lib.jar!/inner/dep.jar']);
    // same content, stored instead of deflated, at another place, under a lying body: the memo answers
    const claimed: MakeEntry = { name: 'BOOT-INF/lib/lib.jar', data: Buffer.alloc(lib.length), method: 'stored', crc32: crc32(lib) };
    const second = await walk(jar('app2', [claimed]), '/b.jar', memo);
    expect(found(second)).toEqual(['x:app2 /b.jar', 'x:lib /b.jar!/BOOT-INF/lib/lib.jar', 'x:dep /b.jar!/BOOT-INF/lib/lib.jar!/inner/dep.jar']);
    expect(second.problems).toEqual([]);
    // without the memo the lying body is read for what it is
    const alone = await walk(jar('app2', [claimed]), '/b.jar', new NestedMemo());
    expect(found(alone)).toEqual(['x:app2 /b.jar']);
    expect(alone.problems).toEqual(['BOOT-INF/lib/lib.jar: not a zip archive (no end-of-central-directory record)']);
  });

  it('replays problems re-rooted too, and does not reuse a result where the depth cap would cut it differently', async () => {
    const memo = new NestedMemo();
    const chain = jar('x1', [{ name: 'lib/y.jar', data: jar('y', [{ name: 'lib/z.jar', data: jar('z') }]) }]);
    const a = await walk(jar('a', [{ name: 'lib/x.jar', data: chain }]), '/a.jar', memo, 3);
    expect(found(a).map((f) => f.split(' ')[0])).toEqual(['x:a', 'x:x1', 'x:y', 'x:z']);
    // one level deeper, z would be past the cap: read again, not replayed
    const b = await walk(jar('b', [{ name: 'lib/w.jar', data: jar('w', [{ name: 'lib/x.jar', data: chain }]) }]), '/b.jar', memo, 3);
    expect(found(b).map((f) => f.split(' ')[0])).toEqual(['x:b', 'x:w', 'x:x1', 'x:y']);
    expect(b.problems).toEqual(['lib/w.jar!/lib/x.jar!/lib/y.jar: 1 nested archives deeper than 3 levels — not read']);
    // and the same again at that depth, whatever the memo holds
    const c = await walk(jar('c', [{ name: 'lib/v.jar', data: jar('v', [{ name: 'lib/x.jar', data: chain }]) }]), '/c.jar', memo, 3);
    expect(c.problems).toEqual(['lib/v.jar!/lib/x.jar!/lib/y.jar: 1 nested archives deeper than 3 levels — not read']);
    expect(found(c)).toContain('x:y /c.jar!/lib/v.jar!/lib/x.jar!/lib/y.jar');
  });
});

describe('the memo key', () => {
  it('includes the file name, which identifies an archive without metadata', async () => {
    const memo = new NestedMemo();
    const bare = makeZip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }]);
    const a = await walk(jar('a', [{ name: 'lib/foo-1.0.jar', data: bare }, { name: 'lib/bar-2.0.jar', data: bare }]), '/a.jar', memo);
    expect(a.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['x:a@1', 'foo@1.0', 'bar@2.0']);
  });
});
