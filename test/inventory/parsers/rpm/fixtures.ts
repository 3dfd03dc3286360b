import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RpmPackage } from '../../../../src/inventory/parsers/rpm/index.js';
import { sharedPath } from '../../support/shared.js';

/** Test support for the rpm database tests: the real-rpm fixtures and their ground truth. */

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const CONFORMANCE = sharedPath('conformance', 'rpmdb');
const SCRIPT = join(REPO, 'scripts', 'fixtures', 'rpm-root.sh');
const FIXTURES = process.env['DRYDOCK_FIXTURES_DIR'] ?? join(REPO, '.fixtures');

export type Backend = 'sqlite' | 'ndb' | 'bdb';

/** Build (or reuse) scripts/fixtures/rpm-root.sh's output for a backend; returns OUT_DIR. */
export function rpmRoot(backend: Backend): string {
  const out = join(FIXTURES, 'rpm-root', backend);
  execFileSync('bash', [SCRIPT, out, backend], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
  return out;
}

/** Where the database of a backend's rootfs lives. */
export function databasePath(out: string, backend: Backend): string {
  switch (backend) {
    case 'sqlite':
      return join(out, 'rootfs/var/lib/rpm/rpmdb.sqlite');
    case 'bdb':
      return join(out, 'rootfs/var/lib/rpm/Packages');
    case 'ndb':
      return join(out, 'rootfs/usr/lib/sysimage/rpm/Packages.db');
  }
}

/** A package as `rpm -qa --qf` printed it (truth.tsv + files.tsv), in RpmPackage terms. */
export type TruthPackage = Omit<RpmPackage, 'epoch'> & { epoch?: number; evr: string };

function none(value: string | undefined): string | undefined {
  return value === undefined || value === '(none)' ? undefined : value;
}

/** Rows of a truth directory, in the order rpm listed them. */
export function readTruth(dir: string): TruthPackage[] {
  const files = new Map<number, string[]>();
  for (const line of readFileSync(join(dir, 'files.tsv'), 'utf8').split('\n').slice(1)) {
    if (line === '') continue;
    const [instance = '', path = ''] = line.split('\t');
    const list = files.get(Number(instance)) ?? [];
    list.push(path);
    files.set(Number(instance), list);
  }
  const rows = readFileSync(join(dir, 'truth.tsv'), 'utf8').split('\n').slice(1).filter((l) => l !== '');
  return rows.map((line) => {
    const [instance, name, epoch, version, release, arch, sourceRpm, license, vendor, size, modularityLabel, summary, evr, sigmd5] =
      line.split('\t').map(none);
    const pkg: TruthPackage = {
      instance: Number(instance),
      name: name ?? '',
      version: version ?? '',
      release: release ?? '',
      evr: evr ?? '',
      files: files.get(Number(instance)) ?? [],
    };
    const optional = { arch, sourceRpm, license, vendor, modularityLabel, summary, sigmd5 };
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(pkg, { [key]: value });
    if (epoch !== undefined) pkg.epoch = Number(epoch);
    if (size !== undefined) pkg.size = Number(size);
    return pkg;
  });
}

/** Does the system python have rpm's bindings (Debian python3-rpm)? */
export function pythonRpmWorks(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import rpm'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const PY_READER = `
import json, sys, rpm
dbpath, backend = sys.argv[1], sys.argv[2]
rpm.addMacro("_dbpath", dbpath)
rpm.addMacro("_db_backend", backend)
ts = rpm.TransactionSet()
mi = ts.dbMatch()
out = []
def text(v):
    return v.decode("utf-8", "surrogateescape") if isinstance(v, bytes) else v
for h in mi:
    p = {"instance": mi.instance(), "name": h["name"], "version": h["version"], "release": h["release"],
         "files": [text(f) for f in h["filenames"]]}
    for key, tag in [("arch", "arch"), ("sourceRpm", "sourcerpm"), ("license", "license"), ("vendor", "vendor"),
                     ("summary", "summary"), ("modularityLabel", "modularitylabel")]:
        v = text(h[tag])
        if v is not None and v != "(none)":
            p[key] = v
    if h["epoch"] is not None: p["epoch"] = h["epoch"]
    if h["longsize"] is not None: p["size"] = h["longsize"]
    if h["sigmd5"] is not None: p["sigmd5"] = h["sigmd5"].hex()
    out.append(p)
json.dump(out, sys.stdout)
`;

/**
 * The packages of the database in `dbpath` as rpm's own library reads them (python3-rpm), in
 * rpm's iteration order, shaped like RpmPackage. Backends: `sqlite`, `bdb_ro`.
 */
export function pythonRpmList(dbpath: string, backend: 'sqlite' | 'bdb_ro'): RpmPackage[] {
  const json = execFileSync('/usr/bin/python3', ['-c', PY_READER, dbpath, backend], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(json) as RpmPackage[];
}
