import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeCacheSlot, commandOf, writeCodeCache } from '../../../src/cli/launch/code-cache.js';

const work = mkdtempSync(join(tmpdir(), 'drydock-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BUILD = { sha256: 'ab'.repeat(32) };
const env = { HOME: join(work, 'home') };

describe('code cache slot', () => {
  it('is per command, under the cache dir drydock uses for everything else', () => {
    expect(commandOf(['sbom', 'x.tar'])).toBe('sbom');
    expect(commandOf(['verify-attestation'])).toBe('verify-attestation');
    expect(commandOf(['--help'])).toBe('drydock');
    expect(commandOf(['../../etc/passwd'])).toBe('drydock');
    expect(commandOf([])).toBe('drydock');
    const dir = `${'ab'.repeat(16)}-${process.version}-${process.arch}`;
    expect(codeCacheSlot(['sbom'], env, work, BUILD)?.file).toBe(join(work, 'home/.cache/drydock/code', dir, 'sbom.v8'));
    expect(codeCacheSlot(['sbom'], env, work, BUILD)?.topFile).toBe(join(work, 'home/.cache/drydock/code', dir, 'sbom.top.v8'));
    expect(codeCacheSlot(['scan'], { ...env, XDG_CACHE_HOME: '/xdg' }, work, BUILD)?.file).toBe(join('/xdg/drydock/code', dir, 'scan.v8'));
    expect(codeCacheSlot(['scan'], { ...env, DRYDOCK_CACHE_DIR: '/dd' }, work, BUILD)?.file).toBe(join('/dd/code', dir, 'scan.v8'));
    expect(codeCacheSlot(['scan', 'x', '--cache-dir', 'rel'], env, work, BUILD)?.file).toBe(join(work, 'rel/code', dir, 'scan.v8'));
    expect(codeCacheSlot(['scan', '--cache-dir=/abs', 'x'], env, work, BUILD)?.file).toBe(join('/abs/code', dir, 'scan.v8'));
    // after `--` everything is an operand
    expect(codeCacheSlot(['lint', '--', '--cache-dir', '/no'], env, work, BUILD)?.file).toBe(join(work, 'home/.cache/drydock/code', dir, 'lint.v8'));
  });

  it('is off with --no-cache, DRYDOCK_CODE_CACHE=off, or a bundle without a build id', () => {
    expect(codeCacheSlot(['sbom', '--no-cache'], env, work, BUILD)).toBeUndefined();
    expect(codeCacheSlot(['sbom'], { ...env, DRYDOCK_CODE_CACHE: 'off' }, work, BUILD)).toBeUndefined();
    expect(codeCacheSlot(['sbom'], env, work, { sha256: '' })).toBeUndefined();
    expect(codeCacheSlot(['sbom'], env, work, { sha256: '../x' })).toBeUndefined();
  });
});

describe('code cache files', () => {
  const root = join(work, 'c');
  const slot = (): NonNullable<ReturnType<typeof codeCacheSlot>> => {
    const s = codeCacheSlot(['scan', '--cache-dir', root], env, work, BUILD);
    if (!s) throw new Error('no slot');
    return s;
  };

  it('round-trips through an owner-only file, the full cache preferred over the top-level one', () => {
    expect(slot()).toMatchObject({ data: undefined, kind: undefined });
    writeCodeCache(slot().topFile, Buffer.from('top level'));
    expect(slot()).toMatchObject({ data: Buffer.from('top level'), kind: 'top' });
    writeCodeCache(slot().file, Buffer.from('everything'));
    expect(slot()).toMatchObject({ data: Buffer.from('everything'), kind: 'full' });
    expect(statSync(slot().file).mode & 0o777).toBe(0o600);
    expect(statSync(join(slot().file, '..')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(slot().file, '..')).sort()).toEqual(['scan.top.v8', 'scan.v8']); // no temp files left
  });

  it('ignores a damaged file (V8 would run it: it checks versions and flags, not bytes)', () => {
    const bytes = readFileSync(slot().file);
    bytes.writeUInt8((bytes.at(-2) ?? 0) ^ 1, bytes.length - 2);
    writeFileSync(slot().file, bytes, { mode: 0o600 });
    expect(slot()).toMatchObject({ data: Buffer.from('top level'), kind: 'top' });
    writeFileSync(slot().file, bytes.subarray(0, 20), { mode: 0o600 });
    expect(slot().kind).toBe('top');
    // A header alone, or the data with another header (the earlier SHA-256 layout) is not a cache either.
    writeFileSync(slot().file, bytes.subarray(0, 8), { mode: 0o600 });
    expect(slot().kind).toBe('top');
    writeFileSync(slot().file, Buffer.concat([createHash('sha256').update('everything').digest(), Buffer.from('everything')]), { mode: 0o600 });
    expect(slot().kind).toBe('top');
    writeCodeCache(slot().file, Buffer.from('everything'));
    expect(slot().kind).toBe('full');
  });

  it('ignores files others may write or own (cached bytecode is code)', () => {
    chmodSync(slot().file, 0o620);
    expect(slot().kind).toBe('top');
    chmodSync(slot().file, 0o600);
    expect(slot().kind).toBe('full');
    const dir = join(slot().file, '..');
    chmodSync(dir, 0o777);
    expect(slot()).toMatchObject({ data: undefined, kind: undefined });
    chmodSync(dir, 0o700);
    if (process.getuid?.() === 0) {
      chownSync(slot().file, 12345, 12345);
      expect(slot().kind).toBe('top');
      chownSync(slot().file, 0, 0);
      expect(slot().kind).toBe('full');
    }
  });

  it('writes only into a directory nobody else can write, and never through a link at the temporary name', () => {
    const victim = join(work, 'victim');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, `${slot().file}.${process.pid}.tmp`);
    writeCodeCache(slot().file, Buffer.from('again'));
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(slot().data).toEqual(Buffer.from('again'));
    const dir = join(slot().file, '..');
    chmodSync(dir, 0o770);
    writeCodeCache(slot().file, Buffer.from('not written'));
    chmodSync(dir, 0o700);
    expect(slot().data).toEqual(Buffer.from('again'));
  });

  it('a new bundle build replaces the cache directories of older builds', () => {
    const other = join(root, 'code', 'stale-build');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'scan.v8'), 'old');
    const next = codeCacheSlot(['scan', '--cache-dir', root], env, work, { sha256: 'cd'.repeat(32) });
    if (!next) throw new Error('no slot');
    writeCodeCache(next.topFile, Buffer.from('new'));
    expect(readdirSync(join(root, 'code'))).toEqual([`${'cd'.repeat(16)}-${process.version}-${process.arch}`]);
    expect(existsSync(other)).toBe(false);
  });

  it('a cache dir that cannot be written costs nothing but time', () => {
    const blocked = join(work, 'blocked');
    writeFileSync(blocked, 'a file where the cache dir would be');
    const s = codeCacheSlot(['scan', '--cache-dir', blocked], env, work, BUILD);
    expect(s?.data).toBeUndefined();
    expect(() => writeCodeCache(s?.file ?? '', Buffer.from('x'))).not.toThrow();
  });
});
