import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock } from '../../../src/vulndb/sqlite/lock.js';

const dir = mkdtempSync(join(tmpdir(), 'drydock-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DB update lock file', () => {
  it('is exclusive: a second holder waits until the first releases', async () => {
    const path = join(dir, 'a.lock');
    const release = await acquireLock(path);
    const order: string[] = [];
    const second = acquireLock(path, { pollMs: 5 }).then((r) => {
      order.push('second');
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    order.push('first releases');
    await release();
    await (await second)();
    expect(order).toEqual(['first releases', 'second']);
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const path = join(dir, 'b.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path, JSON.stringify({ pid: Number(dead), host: hostname(), since: '2020-01-01T00:00:00Z', nonce: 'x' }));
    const release = await acquireLock(path, { timeoutMs: 1000 });
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    await release();
  });

  it('gives up after the timeout while a live process holds it, naming the lock', async () => {
    const path = join(dir, 'c.lock');
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), since: '2020-01-01T00:00:00Z', nonce: 'other' }));
    await expect(acquireLock(path, { timeoutMs: 30, pollMs: 5 })).rejects.toThrow(/^another drydock is updating this DB \(lock .*c\.lock: /);
  });
});
