import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import type { Inventory } from '../../src/core/inventory.js';
import { defaultPlatform } from '../../src/image/platform.js';
import { openTarget } from '../../src/image/open-target.js';
import type { RegistryOptions } from '../../src/image/registry/options.js';
import { parseTarget } from '../../src/image/target.js';
import { createAnalyzers } from '../../src/inventory/analyzers/index.js';
import { buildInventory } from '../../src/inventory/build.js';
import { LayerCache } from '../../src/inventory/layer-cache.js';
import type { Analyzer } from '../../src/inventory/analyzer.js';
import type { SecretRuleSet } from '../../src/secrets/rule-set.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the drydock CLI in-process with its own stdout/stderr/env (no process state is touched). */
export async function runCli(args: string[], opts: { env?: Record<string, string | undefined>; stdin?: string; cwd?: string } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: opts.env ?? { HOME: process.env['HOME'], PATH: process.env['PATH'] },
    cwd: opts.cwd ?? process.cwd(),
    readStdin: async () => opts.stdin ?? '',
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** A throwaway cache directory; call the returned cleanup when done. */
export function tempCache(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-cache-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Inventory a target through the same code path as the CLI, in-process. */
export async function inventoryOf(
  target: string,
  opts: { cacheDir?: string; registry?: Omit<RegistryOptions, 'platform'>; now?: Date; analyzers?: readonly Analyzer[]; secrets?: SecretRuleSet } = {},
): Promise<Inventory> {
  const now = opts.now ?? new Date();
  const cache = opts.cacheDir ?? mkdtempSync(join(tmpdir(), 'drydock-cache-'));
  const opened = await openTarget(parseTarget(target), {
    platform: defaultPlatform(),
    tmpDir: join(cache, 'tmp'),
    maxArchiveBytes: 8 * 2 ** 30,
    registry: opts.registry ?? {},
  });
  try {
    return await buildInventory(opened, {
      analyzers: opts.analyzers ?? createAnalyzers({ now, ...(opts.secrets ? { secrets: opts.secrets } : {}) }),
      ...(opts.secrets ? { secrets: opts.secrets } : {}),
      cache: new LayerCache(cache),
      scratchRoot: tmpdir(),
      maxLayerBytes: 8 * 2 ** 30,
      toolVersion: 'test',
      now,
    });
  } finally {
    await opened.close();
    if (!opts.cacheDir) rmSync(cache, { recursive: true, force: true });
  }
}
