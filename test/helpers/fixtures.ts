/**
 * Real container images built by scripts/fixtures/build.sh (buildah, skopeo, umoci, debootstrap) with
 * ground truth from the real tools (dpkg-query, rpm, an independent apk reader). See
 * test/fixtures/README.md. Everything lives in <repo>/.fixtures or $DRYDOCK_FIXTURES_DIR.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

/** OS-package fixtures: truth/<apk|deb|rpm>.tsv from the real package tools. */
export const OS_FIXTURE_NAMES = ['alpine-3.18', 'alpine-3.19', 'alpine-3.20', 'alpine-layers', 'debian', 'distroless', 'rpm'] as const;
/** Language-ecosystem fixtures (issue 3): each recipe writes truth/lang.json from the real tools. */
export const LANG_FIXTURE_NAMES = ['node-app', 'python-app', 'go-apps', 'java-app', 'binaries', 'lang-misc'] as const;
/** Big images for `npm run bench` only (a node_modules tree of 1,500+ packages, hundreds of jars). */
export const BENCH_FIXTURE_NAMES = ['node-big', 'java-big'] as const;
/** Images that break the image configuration checks on purpose (issue 6); built by the tests that use them. */
export const CHECK_FIXTURE_NAMES = ['config-checks'] as const;
/** An image with secrets planted in layers, config and history (issue 6): truth/secrets.json holds the values. */
export const SECRET_FIXTURE_NAMES = ['secrets'] as const;
export const FIXTURE_NAMES = [...OS_FIXTURE_NAMES, ...LANG_FIXTURE_NAMES, ...BENCH_FIXTURE_NAMES, ...CHECK_FIXTURE_NAMES, ...SECRET_FIXTURE_NAMES] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** Which package database each fixture's truth comes from. */
export const TRUTH_KIND = {
  'alpine-3.18': 'apk',
  'alpine-3.19': 'apk',
  'alpine-3.20': 'apk',
  'alpine-layers': 'apk',
  debian: 'deb',
  distroless: 'deb',
  rpm: 'rpm',
  'node-app': 'lang',
  'python-app': 'lang',
  'go-apps': 'lang',
  'java-app': 'lang',
  binaries: 'lang',
  'lang-misc': 'lang',
  'node-big': 'lang',
  'java-big': 'lang',
  'config-checks': 'deb',
  secrets: 'deb',
} as const satisfies Record<FixtureName, TruthKind>;
/** `lang`: truth/lang.json, a list of LangTruth entries written by the recipe from the real tools. */
export type TruthKind = 'apk' | 'deb' | 'rpm' | 'lang';
type KindOf<N extends FixtureName> = (typeof TRUTH_KIND)[N];

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILD_SCRIPT = join(REPO_ROOT, 'scripts', 'fixtures', 'build.sh');

export function fixturesDir(): string {
  return process.env['DRYDOCK_FIXTURES_DIR'] ?? join(REPO_ROOT, '.fixtures');
}

export type TruthPaths<N extends FixtureName> = { [K in KindOf<N>]: string } & {
  /** The package truth TSV (same file as truth.apk / truth.deb / truth.rpm). */
  packages: string;
  /** image.json: digests, diffIDs, layers, history, os (see ImageTruth). */
  image: string;
  /** index, diff_id, digest, media_type, size (layers of the gzip OCI layout). */
  layers: string;
  /** layer, path: every .wh. entry of every layer (including .wh..wh..opq). */
  whiteouts: string;
  /** One diffID per line, bottom layer first. */
  diffIds: string;
};

/** Extra exports made only for `debian`. */
export interface DebianExtras {
  /** OCI layout with zstd-compressed layers (buildah push --compression-format zstd). */
  ociZstdDir: string;
  /** docker save-style archive whose layers are gzip-compressed <digest>.tar.gz files. */
  dockerGzipArchive: string;
}

export type FixturePaths<N extends FixtureName> = {
  name: N;
  dir: string;
  /** OCI image layout directory, single manifest tagged "latest", gzip layers. */
  ociDir: string;
  /** `oci-archive:` tarball (the same manifest as ociDir). */
  ociArchive: string;
  /** `docker-archive:` tarball (docker save format, uncompressed layers, RepoTags set). */
  dockerArchive: string;
  /** The final root filesystem, unpacked by umoci (whiteouts applied). */
  rootfs: string;
  /** Same as truth.diffIds. */
  diffIds: string;
  truth: TruthPaths<N>;
  stamp: string;
  /** The image's name inside the archives (docker-archive RepoTags). */
  reference: string;
} & (N extends 'debian' ? DebianExtras : unknown) &
  (N extends 'rpm' ? { rpmRootTruth: string } : unknown);

/** Paths of every artifact of a fixture (they exist after ensureFixtures). */
export function fixture<N extends FixtureName>(name: N): FixturePaths<N> {
  const dir = join(fixturesDir(), name);
  const t = join(dir, 'truth');
  const kind = TRUTH_KIND[name];
  const packages = join(t, kind === 'lang' ? 'lang.json' : `${kind}.tsv`);
  const base = {
    name,
    dir,
    ociDir: join(dir, 'oci'),
    ociArchive: join(dir, 'image.oci.tar'),
    dockerArchive: join(dir, 'image.docker.tar'),
    rootfs: join(dir, 'rootfs'),
    diffIds: join(t, 'diffids.txt'),
    truth: {
      [kind]: packages,
      packages,
      image: join(t, 'image.json'),
      layers: join(t, 'layers.tsv'),
      whiteouts: join(t, 'whiteouts.tsv'),
      diffIds: join(t, 'diffids.txt'),
    },
    stamp: join(dir, '.stamp'),
    reference: `localhost/drydock-fixtures/${name}:latest`,
  };
  const extras =
    name === 'debian'
      ? { ociZstdDir: join(dir, 'oci-zstd'), dockerGzipArchive: join(dir, 'image.docker-gzip.tar') }
      : name === 'rpm'
        ? { rpmRootTruth: join(t, 'rpm-root.truth.tsv') }
        : {};
  return { ...base, ...extras } as unknown as FixturePaths<N>;
}

export interface EnsureOptions {
  /** Run build.sh even when every stamp exists (it still skips images whose inputs are unchanged). */
  check?: boolean;
}

/**
 * Make sure the fixtures exist: returns at once when every stamp file is there, otherwise runs
 * scripts/fixtures/build.sh --only NAMES (cached, flock-protected, minutes when cold).
 */
export async function ensureFixtures(
  names: readonly FixtureName[] = OS_FIXTURE_NAMES,
  options: EnsureOptions = {},
): Promise<void> {
  const missing = names.filter((n) => !existsSync(fixture(n).stamp));
  if (missing.length === 0 && options.check !== true) return;
  await runBuild(options.check === true ? names : missing);
  const still = names.filter((n) => !existsSync(fixture(n).stamp));
  if (still.length > 0) throw new Error(`fixtures not built: ${still.join(', ')} (see ${fixturesDir()}/.logs)`);
}

function runBuild(names: readonly FixtureName[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [BUILD_SCRIPT, '--only', ...names], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`scripts/fixtures/build.sh failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
  });
}

/** A TSV with a header line → one record per row, keyed by the header's column names. */
export function readTsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
  const header = lines[0]?.split('\t');
  if (header === undefined) throw new Error(`${path}: empty TSV (no header line)`);
  return lines.slice(1).map((line, i) => {
    const cells = line.split('\t');
    if (cells.length !== header.length) {
      throw new Error(`${path}:${i + 2}: ${cells.length} columns, header has ${header.length}`);
    }
    return Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']));
  });
}

export interface ApkTruthRow { package: string; version: string; arch: string; origin: string; license: string }
/** status: installed, config-files, ... (dpkg's db:Status-Status). */
export interface DebTruthRow {
  package: string; version: string; architecture: string; source: string; source_version: string; status: string;
}
export interface RpmTruthRow { name: string; epoch: string; version: string; release: string; arch: string; sourcerpm: string }
interface TruthRows { apk: ApkTruthRow; deb: DebTruthRow; rpm: RpmTruthRow; lang: LangTruth }

/** The package ground truth of a fixture, sorted by package name (LC_ALL=C). */
export function readPackageTruth<N extends FixtureName>(name: N): TruthRows[KindOf<N>][] {
  if (TRUTH_KIND[name] === 'lang') return readLangTruth(name) as unknown as TruthRows[KindOf<N>][];
  return readTsv(fixture(name).truth.packages) as unknown as TruthRows[KindOf<N>][];
}

const imageTruthSchema = z.object({
  name: z.string(),
  reference: z.string(),
  storageDriver: z.string(),
  manifestDigest: z.string(),
  configDigest: z.string(),
  ociArchiveManifestDigest: z.string(),
  ociZstdManifestDigest: z.string().nullable(),
  dockerArchiveConfig: z.string(),
  dockerGzipArchive: z.boolean(),
  diffIds: z.array(z.string()),
  layers: z.array(z.object({ digest: z.string(), mediaType: z.string(), size: z.number(), diffId: z.string() })),
  history: z.array(z.object({ createdBy: z.string(), emptyLayer: z.boolean() })),
  os: z.object({ id: z.string(), versionId: z.string() }),
});
export type ImageTruth = z.infer<typeof imageTruthSchema>;

/** image.json: manifest/config digests, diffIDs and layer descriptors, history, os-release ID. */
export function readImageTruth(name: FixtureName): ImageTruth {
  return imageTruthSchema.parse(JSON.parse(readFileSync(fixture(name).truth.image, 'utf8')));
}

export function readDiffIds(name: FixtureName): string[] {
  return readFileSync(fixture(name).diffIds, 'utf8').split('\n').filter((l) => l !== '');
}

export interface WhiteoutRow { layer: number; path: string }
export function readWhiteouts(name: FixtureName): WhiteoutRow[] {
  return readTsv(fixture(name).truth.whiteouts).map((r) => ({ layer: Number(r['layer']), path: r['path'] ?? '' }));
}

/**
 * One expected language package of a `lang` fixture, as the ecosystem's own tool reports it
 * (`npm ls --all --json`, `importlib.metadata`, `go version -m`, pom.properties, ...).
 */
export interface LangTruth {
  /** purl type: npm, pypi, golang, maven, gem, cargo, composer, nuget, conda, generic. */
  ecosystem: string;
  name: string;
  version: string;
  /** Absolute path inside the image where the tool found it (package dir, binary, jar), when known. */
  path?: string;
  /** Free-form: which tool said so, e.g. "npm ls", "go version -m". */
  source?: string;
}

const langTruthSchema = z.array(
  z.object({ ecosystem: z.string(), name: z.string(), version: z.string(), path: z.string().optional(), source: z.string().optional() }),
);

/** truth/lang.json of a language fixture. */
export function readLangTruth(name: FixtureName): LangTruth[] {
  const parsed = langTruthSchema.parse(JSON.parse(readFileSync(fixture(name).truth.packages, 'utf8')));
  return parsed.map((e) => {
    const out: LangTruth = { ecosystem: e.ecosystem, name: e.name, version: e.version };
    if (e.path !== undefined) out.path = e.path;
    if (e.source !== undefined) out.source = e.source;
    return out;
  });
}
