import { Command } from 'commander';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';
import { parsePlatform } from '../../image/platform.js';
import type { RegistryClientOptions } from '../../image/registry/options.js';
import type { CopyEvents } from '../../image/copy/tree.js';
import type { CliIo } from '../io.js';
import { cacheDirFor } from '../target-options.js';
import { registryOptionsFrom } from '../registry-options.js';
import { countingLine } from '../progress.js';

type Runner = (work: () => Promise<number>) => Promise<number>;

interface CopyFlags {
  withSignatures?: boolean;
  platform?: string;
  srcCreds?: string;
  destCreds?: string;
  username?: string;
  password?: string;
  passwordStdin?: boolean;
  authfile?: string;
  insecure?: boolean;
  quiet?: boolean;
}

/** Largest archive accepted after decompressing a compressed `oci-archive:`. */
const MAX_ARCHIVE_BYTES = 256 * 2 ** 30;

const DESCRIPTION = [
  'Copy an image byte-exact: its manifest or index and every manifest and blob below it. Nothing is',
  're-serialized, so the digest is the same at DST, and so every signature made over it stays valid.',
  'A multi-platform index is copied whole; --platform copies only that platform\'s manifest (its digest',
  'does not change, but signatures made over the INDEX digest do not cover it and are not copied).',
  'Blobs are streamed and verified against their digests; those DST has already are skipped, and on',
  'one registry they are mounted from the source repository instead of uploaded.',
  '',
  'SRC:  host/repo[:tag|@sha256:...]  oci:DIR[:NAME|@sha256:...]  oci-archive:FILE[:NAME]',
  'DST:  host/repo[:tag|@sha256:...]  oci:DIR[:NAME]  (the layout is created if missing)',
  '',
  '--with-signatures also copies what signs or attests the copied manifests (the index and each',
  'platform manifest): cosign\'s sha256-<hex>.sig/.att/.sbom tags and OCI 1.1 referrers (kept in the',
  'referrers tag index where DST has no referrers API), and signatures on those in turn. In an OCI',
  'layout the tags become index.json entries named sha256-<hex>.sig, referrers unnamed entries.',
  '',
  'Prints a JSON summary on stdout. Exit codes: 0 copied; 2 usage, input, registry, auth or digest',
  'error (DIGEST_MISMATCH: a blob differs from its digest; no manifest is pushed); 3 internal error.',
].join('\n');

/** `USER:PASSWORD` (like skopeo's --src-creds); the value is never echoed back. */
function parseCreds(value: string, flag: string): { username: string; password: string } {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new AppError('USAGE', `${flag}: expected USER:PASSWORD`);
  return { username: value.slice(0, colon), password: value.slice(colon + 1) };
}

async function registryOptions(flags: CopyFlags, io: CliIo): Promise<{ src: RegistryClientOptions; dst: RegistryClientOptions }> {
  const common = await registryOptionsFrom(flags, io);
  const src = flags.srcCreds !== undefined ? { ...common, ...parseCreds(flags.srcCreds, '--src-creds') } : common;
  const dst = flags.destCreds !== undefined ? { ...common, ...parseCreds(flags.destCreds, '--dest-creds') } : common;
  return { src, dst };
}

/** One self-rewriting progress line on a terminal; nothing otherwise. */
function progress(io: CliIo, quiet: boolean): CopyEvents & { finish(): void } {
  const line = countingLine(io, quiet, 'copying blobs', 'sent');
  return { blobStart: () => line.start(), bytes: (n) => line.bytes(n), blobDone: () => line.done(), finish: () => line.finish() };
}

/** `drydock copy SRC DST [--with-signatures]`. */
export function copyCommand(io: CliIo, run: Runner): Command {
  return new Command('copy')
    .summary('copy an image byte-exact between registries and OCI layouts, with its signatures')
    .description(DESCRIPTION)
    .argument('<src>', 'image to copy')
    .argument('<dst>', 'where to copy it')
    .option('--with-signatures', 'also copy cosign .sig/.att/.sbom tags and OCI 1.1 referrers of the copied manifests')
    .option('--platform <os/arch[/variant]>', 'copy only this platform out of a multi-platform index')
    .option('--src-creds <user:password>', 'credentials for the source registry')
    .option('--dest-creds <user:password>', 'credentials for the destination registry')
    .option('--username <user>', 'registry user name for both ends (or DRYDOCK_USERNAME)')
    .option('--password <password>', 'registry password or token for both ends (prefer --password-stdin or DRYDOCK_PASSWORD)')
    .option('--password-stdin', 'read the registry password from stdin')
    .option('--authfile <path>', 'docker config.json with registry credentials (default: $DOCKER_CONFIG or ~/.docker/config.json)')
    .option('--insecure', 'allow plain HTTP and unverified TLS certificates for both registries')
    .option('-q, --quiet', 'no progress output on stderr')
    .action(async (srcInput: string, dstInput: string, flags: CopyFlags) => {
      await run(async () => {
        const platform = flags.platform === undefined ? undefined : parsePlatform(flags.platform);
        const registry = await registryOptions(flags, io);
        const { openCopySource, openCopyDestination } = await import('../../image/copy/transports.js');
        const { copyImage } = await import('../../image/copy/copy.js');
        const tmpDir = join(cacheDirFor({}, io.env), 'tmp');
        const src = await openCopySource(srcInput, { registry: registry.src, platform, tmpDir, maxArchiveBytes: MAX_ARCHIVE_BYTES });
        const bar = progress(io, flags.quiet === true);
        try {
          const { dst, target } = await openCopyDestination(dstInput, registry.dst);
          try {
            const summary = await copyImage(src, dst, {
              target,
              ...(platform ? { platform } : {}),
              withSignatures: flags.withSignatures === true,
              events: bar,
            });
            bar.finish();
            io.stdout.write(`${JSON.stringify({ source: srcInput, destination: dstInput, ...summary }, null, 2)}\n`);
            return 0;
          } finally {
            await dst.close();
          }
        } finally {
          bar.finish();
          await src.close();
        }
      });
    });
}
