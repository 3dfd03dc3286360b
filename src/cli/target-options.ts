import { Option, type Command } from 'commander';
import { join } from 'node:path';
import { mkdir, readFile } from 'node:fs/promises';
import { defaultCacheDir } from '../core/cache-dir.js';
import { AppError, errorMessage } from '../core/errors.js';
import type { Inventory } from '../core/inventory.js';
import type { SecretConfig } from '../secrets/config.js';
import { defaultPlatform, parsePlatform } from '../image/platform.js';
import { openTarget } from '../image/open-target.js';
import { parseTarget, type TargetSpec } from '../image/target.js';
import { fileHead } from '../image/archive/unpack-outer.js';
import { analyzerVersions } from '../inventory/analyzer-versions.js';
import { buildInventory } from '../inventory/build.js';
import { LayerCache } from '../inventory/layer-cache.js';
import { TOOL_VERSION } from '../version.js';
import type { CliIo } from './io.js';
import { progressFor } from './progress.js';
import { parseSize } from './sizes.js';
import { registryOptionsFrom } from './registry-options.js';

/** Flags every command that reads an image accepts. */
export interface TargetFlags {
  platform?: string;
  username?: string;
  password?: string;
  passwordStdin?: boolean;
  authfile?: string;
  insecure?: boolean;
  cacheDir?: string;
  cache: boolean;
  maxLayerSize: string;
  quiet?: boolean;
}

export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--platform <os/arch[/variant]>', 'platform to pick from a multi-platform image (default: linux/<host arch>)')
    .option('--username <user>', 'registry user name (or DRYDOCK_USERNAME)')
    .option('--password <password>', 'registry password or token (prefer --password-stdin or DRYDOCK_PASSWORD)')
    .option('--password-stdin', 'read the registry password from stdin')
    .option('--authfile <path>', 'docker config.json with registry credentials (default: $DOCKER_CONFIG or ~/.docker/config.json)')
    .option('--insecure', 'allow plain HTTP and unverified TLS certificates for the registry')
    .option('--cache-dir <dir>', 'layer cache directory (default: $DRYDOCK_CACHE_DIR or ~/.cache/drydock)')
    .option('--no-cache', 'do not read or write the layer cache')
    .addOption(new Option('--max-layer-size <size>', 'largest uncompressed layer accepted (decompression-bomb guard)').default('64GiB'))
    .option('-q, --quiet', 'no progress output on stderr');
}

export function cacheDirFor(flags: Pick<TargetFlags, 'cacheDir'>, env: CliIo['env']): string {
  return flags.cacheDir || defaultCacheDir(env);
}

/** Scratch space for analyzers lives in the cache dir: drydock writes nowhere else. */
async function scratchRootIn(cacheDir: string): Promise<string> {
  const dir = join(cacheDir, 'tmp');
  await mkdir(dir, { recursive: true });
  return dir;
}

async function isSbomFile(spec: TargetSpec): Promise<boolean> {
  if (spec.kind === 'sbom') return true;
  if (spec.kind !== 'file') return false;
  const head = (await fileHead(spec.path, 64)).toString('utf8').trimStart();
  return head.startsWith('{');
}

async function inventoryFromSbom(path: string, input: string, now: Date): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AppError('NOT_FOUND', `target "${input}": ${errorMessage(err)}`);
  }
  const { readSbom } = await import('../sbom/read.js');
  const sbom = readSbom(text, input);
  const inv: Inventory = {
    schema: 'drydock.inventory/v1',
    tool: { name: 'drydock', version: TOOL_VERSION },
    createdAt: now.toISOString(),
    source: { ...sbom.info, reference: input },
    packages: sbom.packages,
    unknowns: sbom.unknowns,
  };
  if (sbom.os) inv.os = sbom.os;
  return inv;
}

/** What to look for besides packages. */
export interface InventoryOptions {
  /** Search every layer, the image config and the history for secrets (`Inventory.secrets`). */
  secrets?: boolean;
  /** Custom rules and allow-lists for that search (`loadSecretConfig` in src/secrets/config-file.ts). */
  secretConfig?: SecretConfig;
}

/** Resolve a target string to an inventory: read an SBOM, or open the image and analyze its layers. */
export async function inventoryFor(input: string, flags: TargetFlags, io: CliIo, options: InventoryOptions = {}): Promise<Inventory> {
  const now = new Date();
  const spec = parseTarget(input);
  if (await isSbomFile(spec)) return inventoryFromSbom((spec as { path: string }).path, input, now);
  const cacheDir = cacheDirFor(flags, io.env);
  const registry = await registryOptionsFrom(flags, io);
  const maxLayerBytes = parseSize(flags.maxLayerSize, '--max-layer-size');
  const platform = flags.platform ? parsePlatform(flags.platform) : defaultPlatform();
  const target = await openTarget(spec, { platform, platformExplicit: flags.platform !== undefined, tmpDir: join(cacheDir, 'tmp'), maxArchiveBytes: maxLayerBytes * 4, registry });
  const secrets = options.secrets === true ? (await import('../secrets/rule-set.js')).secretRuleSet(options.secretConfig) : undefined;
  const progress = progressFor(io, flags.quiet === true);
  try {
    return await buildInventory(target, {
      analyzers: {
        versions: analyzerVersions(secrets?.key),
        load: async () => (await import('../inventory/analyzers/index.js')).createAnalyzers({ now, ...(secrets ? { secrets } : {}) }),
      },
      ...(secrets ? { secrets } : {}),
      ...(flags.cache ? { cache: new LayerCache(cacheDir) } : {}),
      maxLayerBytes,
      scratchRoot: await scratchRootIn(cacheDir),
      toolVersion: TOOL_VERSION,
      now,
      progress,
    });
  } finally {
    progress.finish();
    await target.close();
  }
}
