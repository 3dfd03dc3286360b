/**
 * Harness for the .dockerignore differential test: a build context of a few hundred real files and
 * directories, a real `buildah bud` of `FROM scratch` + `COPY . /ctx/` with a given ignore file, and
 * the resulting image layer listed by Python's tarfile (independent of drydock's tar reader).
 * buildah results are cached per (buildah version, context, ignore text) under .fixtures/.cache.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Dockerignore } from '../../src/lint/dockerignore.js';
import { fixturesDir } from '../helpers/fixtures.js';
import { PYTHON } from '../helpers/tar-maker.js';

/** Bump when the Dockerfile, the bud arguments or the listing change: it is part of the cache key. */
const HARNESS_VERSION = 1;

/** Context entries; a trailing `/` marks an (empty) directory. Parents are created implicitly. */
export const CONTEXT_TREE: readonly string[] = [
  ...[
    'README.md', 'CHANGELOG.md', 'LICENSE', 'Makefile', 'package.json', 'go.mod', 'x.md', 'foo', 'barfoo', 'foo.md',
    '.env', '.env.production', '.env.example', '.gitignore', '.npmrc', '#notes.txt', 'server.pem', 'credentials.json', 'app.log',
    'my file.txt', '[brackets].txt', 'b.txt', 'r.txt', 'a[1].log', 'a1.log', 'q?mark.txt', 'qxmark.txt', 'star*.txt',
    'starx.txt', 'uni-ü.txt', 'uni-u.txt', 'ab+c.txt', 'abbc.txt', 'paren(1).txt', 'paren1.txt', 'back\\slash.txt',
    'dollar$.txt', 'caret^.txt', 'brace{x}.txt', 'pipe|x.txt', '5x', 'ax',
  ],
  ...['.git/config', '.git/HEAD', '.git/objects/ab/cdef01', '.git/refs/heads/main', '.aws/credentials', '.ssh/id_ed25519', '.ssh/id_ed25519.pub'],
  ...['src/app/main.go', 'src/app/main_test.go', 'src/app/util/x.go', 'src/app/util/README.md', 'src/lib/a.js', 'src/lib/a.test.js'],
  ...['src/lib/node_modules/dep/index.js', 'src/lib/.env', 'src/.DS_Store', 'src/README.md'],
  ...['node_modules/pkg/index.js', 'node_modules/pkg/README.md', 'node_modules/.bin/tool', 'node_modules/@scope/pkg/index.js', 'node_modules/.cache/'],
  ...['docs/a.md', 'docs/b.txt', 'docs/README.md', 'docs/sub/c.md', 'docs/sub/deeper/d.md', 'docs/sub/deeper/e.txt'],
  ...['keys/id_rsa', 'keys/id_rsa.pub', 'keys/certs/ca.pem', 'keys/certs/ca.key'],
  ...['logs/keep.log', 'logs/app.log', 'logs/2024/01/app.log', 'logs/2024/02/app.log', 'logs/2024/02/keep.log'],
  ...['build/out.bin', 'build/obj/x.o', 'empty/', 'x/foo', 'x/barfoo', 'x/y/foo.md'],
  ...['dir with space/inner file.md', 'dir with space/sub dir/x.txt', '[dir]/f.txt', 'd/f.txt', 'i/f.txt', 'r/f.txt'],
  ...['deep/a/b/c/d/e/f.txt', 'deep/a/b/node_modules/x/f.js', 'deep/a/b/node_modules/keep.js', 'deep/a/node_modules/y/g.js'],
  ...['config/credentials.json', 'config/app.yaml', 'config/.env', 'config/nested/server.pem'],
  ...generated(),
];

function generated(): string[] {
  const out: string[] = [];
  for (let d = 0; d < 10; d++) {
    const dir = `gen/d${String(d).padStart(2, '0')}`;
    for (let f = 0; f < 15; f++) out.push(`${dir}/f${String(f).padStart(2, '0')}.${f % 3 === 0 ? 'dat' : f % 3 === 1 ? 'log' : 'md'}`);
    out.push(`${dir}/.hidden`);
  }
  return out;
}

/** Every path of the tree (files and all directories), directories with a trailing `/`. */
export function allEntries(tree: readonly string[] = CONTEXT_TREE): string[] {
  const set = new Set<string>();
  for (const e of tree) {
    const parts = e.replace(/\/$/, '').split('/');
    for (let i = 1; i < parts.length; i++) set.add(`${parts.slice(0, i).join('/')}/`);
    set.add(e);
  }
  return [...set].sort();
}

export function writeTree(root: string, tree: readonly string[] = CONTEXT_TREE): void {
  for (const e of tree) {
    const p = join(root, e);
    if (e.endsWith('/')) mkdirSync(p, { recursive: true });
    else {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, `${e}\n`);
    }
  }
}

/**
 * What BuildKit sends according to our matcher: a file when not excluded, a directory when not
 * excluded or when anything below it is sent (it is created as their parent).
 */
export function predictContext(ignore: Dockerignore, entries: readonly string[]): Set<string> {
  const kept = new Set<string>();
  for (const e of entries) {
    const isDir = e.endsWith('/');
    if (!ignore.excludes(isDir ? e.slice(0, -1) : e, isDir)) kept.add(e);
  }
  for (const e of [...kept]) {
    const parts = e.replace(/\/$/, '').split('/');
    for (let i = 1; i < parts.length; i++) kept.add(`${parts.slice(0, i).join('/')}/`);
  }
  return kept;
}

export interface BuildahRun {
  readonly version: string;
  readonly work: string;
  readonly context: string;
}

export function startBuildah(): BuildahRun {
  const version = execFileSync('buildah', ['--version'], { encoding: 'utf8' }).trim();
  const work = mkdtempSync(join(tmpdir(), 'drydock-dockerignore-'));
  const context = join(work, 'context');
  writeTree(context);
  writeFileSync(join(work, 'Dockerfile'), 'FROM scratch\nCOPY . /ctx/\n');
  return { version, work, context };
}

export function stopBuildah(run: BuildahRun): void {
  rmSync(run.work, { recursive: true, force: true });
}

/** The context entries buildah put into the image for this ignore text (cached). */
export function buildahContext(run: BuildahRun, ignoreText: string): Set<string> {
  const key = createHash('sha256').update(JSON.stringify([HARNESS_VERSION, run.version, CONTEXT_TREE, ignoreText])).digest('hex').slice(0, 32);
  const cacheFile = join(fixturesDir(), '.cache', 'dockerignore-buildah', `${key}.json`);
  if (existsSync(cacheFile)) return new Set(JSON.parse(readFileSync(cacheFile, 'utf8')) as string[]);
  const id = key.slice(0, 12);
  const ignoreFile = join(run.work, `ignore-${id}`);
  const out = join(run.work, `oci-${id}`);
  writeFileSync(ignoreFile, ignoreText);
  const storage = ['--root', join(run.work, 'root'), '--runroot', join(run.work, 'runroot'), '--storage-driver', 'vfs'];
  const bud = ['bud', '--isolation', 'chroot', '-q', '--ignorefile', ignoreFile, '-f', join(run.work, 'Dockerfile'), '-t', `oci:${out}`, run.context];
  execFileSync('buildah', [...storage, ...bud], { stdio: ['ignore', 'ignore', 'pipe'] });
  const entries = listLayer(out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(dirname(cacheFile), { recursive: true });
  const partial = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(entries));
  renameSync(partial, cacheFile); // atomic: concurrent runs never read half a file
  return new Set(entries);
}

const LIST_TAR = 'import json,sys,tarfile\nt=tarfile.open(sys.argv[1])\nprint(json.dumps([m.name+("/" if m.isdir() else "") for m in t]))';

/** Entries under ctx/ in the single layer of the OCI layout at `dir`. */
function listLayer(dir: string): string[] {
  const blob = (digest: string): string => join(dir, 'blobs', ...digest.split(':'));
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0]?.digest ?? ''), 'utf8')) as { layers: Array<{ digest: string }> };
  if (manifest.layers.length !== 1) throw new Error(`expected one layer, got ${manifest.layers.length}`);
  const names = JSON.parse(execFileSync(PYTHON, ['-c', LIST_TAR, blob(manifest.layers[0]?.digest ?? '')], { encoding: 'utf8' })) as string[];
  return names
    .map((n) => n.replace(/^\.?\/+/, ''))
    .filter((n) => n.startsWith('ctx/') && n !== 'ctx/')
    .map((n) => n.slice('ctx/'.length))
    .sort();
}
