import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RedactionCache } from './redact.js';

/**
 * Redaction verdicts on disk: an empty file `<dir>/<sha256>` says "these config texts held nothing to
 * mask". Only that verdict is stored — never a secret, never the texts. Safe for several processes
 * (a verdict is written whole or not at all; a missing one only costs a search).
 */
export class FileRedactionCache implements RedactionCache {
  constructor(private readonly dir: string) {}

  async isClean(key: string): Promise<boolean> {
    if (!/^[0-9a-f]{64}$/.test(key)) return false;
    return (await stat(join(this.dir, key)).catch(() => undefined))?.isFile() === true;
  }

  async markClean(key: string): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(key)) return;
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, key), '');
  }
}
