/**
 * Images for the base-image tests that the shared fixtures lack, built by images/build.sh with
 * buildah (cached under <fixtures>/base-image): applications on emulated official python (full and
 * slim) and eclipse-temurin bases, and a static Go program on scratch. See the Containerfiles.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFixtures, fixture, fixturesDir, readImageTruth } from '../../helpers/fixtures.js';

export const BASE_IMAGE_NAMES = ['python-full', 'python-slim', 'temurin', 'static'] as const;
export type BaseImageName = (typeof BASE_IMAGE_NAMES)[number];

const SCRIPT = fileURLToPath(new URL('./images/build.sh', import.meta.url));
const outDir = (): string => join(fixturesDir(), 'base-image');

/** The OCI layout of a built image (exists after ensureBaseImages). */
export const baseImageLayout = (name: BaseImageName): string => join(outDir(), name, 'oci');

export async function ensureBaseImages(): Promise<void> {
  await ensureFixtures(['debian', 'go-apps']);
  const layer0 = readImageTruth('debian').layers[0];
  if (layer0 === undefined) throw new Error('debian fixture: no layers in truth/image.json');
  const rootfs = join(fixture('debian').ociDir, 'blobs', 'sha256', layer0.digest.replace(/^sha256:/, ''));
  const hello = join(fixture('go-apps').rootfs, 'usr', 'local', 'bin', 'hello');
  await run('bash', [SCRIPT, outDir(), rootfs, hello]);
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${SCRIPT} failed (exit ${code}):\n${tail}`))));
  });
}
