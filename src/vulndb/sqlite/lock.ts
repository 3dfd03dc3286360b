import { randomBytes } from 'node:crypto';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, errorMessage } from '../../core/errors.js';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  nonce: string;
}

export interface LockOptions {
  /** How long to wait for another holder before giving up. */
  timeoutMs?: number;
  pollMs?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is the lock file left by a process that is gone (same host, dead pid), or unreadable and old? */
async function isStale(path: string): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    const owner = JSON.parse(text) as LockOwner;
    return owner.host === hostname() && typeof owner.pid === 'number' && !alive(owner.pid);
  } catch {
    // Being written right now, or garbage: stale once it is old enough.
    const st = await stat(path).catch(() => undefined);
    return st !== undefined && Date.now() - st.mtimeMs > 30_000;
  }
}

/**
 * An exclusive lock file (`open(…, 'wx')`) so two `db update` runs on one DB take turns: the second
 * waits, then usually finds the DB up to date. A lock whose process is gone is taken over. Returns
 * the release function.
 */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const pollMs = options.pollMs ?? 250;
  const started = Date.now();
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), nonce: randomBytes(6).toString('hex') };
  const token = JSON.stringify(me);
  for (;;) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(token);
      } finally {
        await fh.close();
      }
      return async () => {
        const now = await readFile(path, 'utf8').catch(() => undefined);
        if (now === token) await unlink(path).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new AppError('INPUT', `cannot create lock file ${path}: ${errorMessage(err)}`, { cause: err });
    }
    if (await isStale(path)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      const holder = await readFile(path, 'utf8').catch(() => '?');
      throw new AppError('INPUT', `another drydock is updating this DB (lock ${path}: ${holder}); wait for it, or delete the lock file if that process is gone`);
    }
    await sleep(pollMs);
  }
}
