import type { PackageRecord } from '../../core/package.js';
import { normalizeLicense } from '../licenses.js';

/**
 * apk-tools' installed database (`lib/apk/db/installed`): blank-line separated package blocks of
 * `X:value` lines. `F:` names a directory (relative to /) and the `R:` lines after it name files
 * in that directory. Letters used here: P name, V version, A arch, L license, o origin,
 * m maintainer, c commit, C checksum, D depends, p provides, U url, T description.
 */

export interface ApkEntry {
  record: PackageRecord;
  /** Raw `D:` dependency atoms (`so:libc.musl-x86_64.so.1`, `musl=1.2.5-r0`, `!conflict`, ...). */
  depends: string[];
  /** Raw `p:` provide atoms (`so:libz.so.1=1.3.1`, `cmd:pkgconf`, ...). */
  provides: string[];
}

export interface ApkInstalledResult {
  entries: ApkEntry[];
  problems: string[];
}

interface Block {
  line: number;
  values: Map<string, string>;
  files: string[];
  dir: string;
  depends: string[];
  provides: string[];
}

/** Parse the installed database. Pure; never throws; blocks without P:/V: become problems. */
export function parseApkInstalled(text: string): ApkInstalledResult {
  const result: ApkInstalledResult = { entries: [], problems: [] };
  let block: Block | undefined;
  const flush = (): void => {
    if (block) finishBlock(block, result);
    block = undefined;
  };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.length < 2 || line[1] !== ':') {
      result.problems.push(`line ${i + 1}: expected "X:value", got ${JSON.stringify(line.slice(0, 60))}`);
      continue;
    }
    block ??= { line: i + 1, values: new Map(), files: [], dir: '', depends: [], provides: [] };
    addLine(block, line[0] ?? '', line.slice(2));
  }
  flush();
  return result;
}

function addLine(block: Block, key: string, value: string): void {
  switch (key) {
    case 'F':
      block.dir = value.replace(/^\/+|\/+$/g, '');
      break;
    case 'R':
      block.files.push(block.dir === '' ? `/${value}` : `/${block.dir}/${value}`);
      break;
    case 'D':
      block.depends.push(...words(value));
      break;
    case 'p':
      block.provides.push(...words(value));
      break;
    default:
      if (!block.values.has(key)) block.values.set(key, value);
  }
}

function finishBlock(block: Block, result: ApkInstalledResult): void {
  const name = block.values.get('P');
  const version = block.values.get('V');
  if (name === undefined || name === '' || version === undefined || version === '') {
    const which = name === undefined || name === '' ? 'no package name (P:)' : `package ${name} has no version (V:)`;
    result.problems.push(`block at line ${block.line}: ${which}`);
    return;
  }
  const record: PackageRecord = {
    type: 'apk',
    name,
    version,
    licenses: [],
    source: { name: nonEmpty(block.values.get('o')) ?? name, version },
    files: block.files,
  };
  const arch = nonEmpty(block.values.get('A'));
  if (arch !== undefined) record.arch = arch;
  const metadata: Record<string, string> = {};
  const license = nonEmpty(block.values.get('L'));
  if (license !== undefined) {
    const normalized = normalizeLicense(license);
    record.licenses = normalized.licenses;
    if (normalized.declared !== undefined) metadata['declaredLicense'] = normalized.declared;
  }
  for (const [key, field] of [['maintainer', 'm'], ['commit', 'c'], ['checksum', 'C'], ['url', 'U']] as const) {
    const value = nonEmpty(block.values.get(field));
    if (value !== undefined) metadata[key] = value;
  }
  if (Object.keys(metadata).length > 0) record.metadata = metadata;
  result.entries.push({ record, depends: block.depends, provides: block.provides });
}

/** The name part of a dependency or provide atom: `so:libz.so.1=1.3` → `so:libz.so.1`. */
export function apkAtomName(atom: string): string {
  const m = /^!?([^<>=~]+)/.exec(atom);
  return m?.[1] ?? atom;
}

/**
 * Resolve `D:` atoms to the names of installed packages: by package name, else by a `p:` provide
 * (`so:`, `cmd:`, `pc:`, plain virtual names). Conflicts (`!name`) and atoms nothing installed
 * satisfies are ignored; a package never depends on itself. Sets `record.dependsOn` (sorted).
 */
export function resolveApkDependencies(entries: readonly ApkEntry[]): void {
  const byName = new Map<string, string>();
  const providers = new Map<string, string>();
  for (const e of entries) {
    byName.set(e.record.name, e.record.name);
    for (const atom of e.provides) {
      const provided = apkAtomName(atom);
      if (!providers.has(provided)) providers.set(provided, e.record.name);
    }
  }
  for (const e of entries) {
    const deps = new Set<string>();
    for (const atom of e.depends) {
      if (atom.startsWith('!')) continue;
      const wanted = apkAtomName(atom);
      const target = byName.get(wanted) ?? providers.get(wanted);
      if (target !== undefined && target !== e.record.name) deps.add(target);
    }
    e.record.dependsOn = [...deps].sort();
  }
}

function words(value: string): string[] {
  return value.split(/\s+/).filter((w) => w !== '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
