/**
 * The language runtime an image is built around.
 *
 * Official images say so in their config: python sets PYTHON_VERSION, node NODE_VERSION, golang
 * GOLANG_VERSION, eclipse-temurin JAVA_VERSION=jdk-21.0.5+11 (jdk8u432-b06 for 8), the deprecated
 * openjdk image JAVA_VERSION=21.0.2 (or 22-ea+27), ruby RUBY_VERSION, php PHP_VERSION (their
 * Dockerfiles in docker-library/*, nodejs/docker-node, adoptium/containers). Without those, a runtime
 * binary that no OS package owns (identified by its version string) counts too: it was copied or
 * built in, so no distribution updates it. A runtime an OS package installs is the distribution's
 * and follows its release's support, so it is not reported here.
 */
import type { Inventory } from '../../core/inventory.js';
import type { RuntimeInfo, RuntimeName } from './types.js';

interface EnvRule {
  variable: string;
  name: RuntimeName;
  image: (value: string) => string;
  /** The version and release line, or undefined when the value is not a version. */
  parse: (value: string) => { version: string; cycle: string } | undefined;
}

const NUMERIC = /^(\d+)(?:\.(\d+))?(?:\.\d+)*(?:[-+._a-z0-9]*)$/i;

/** `3.12.7` → 3.12; `1.22rc1` → 1.22. */
function majorMinor(value: string): { version: string; cycle: string } | undefined {
  const m = /^(\d+)\.(\d+)/.exec(value);
  return m ? { version: value, cycle: `${m[1]}.${m[2]}` } : undefined;
}

function major(value: string): { version: string; cycle: string } | undefined {
  const m = NUMERIC.exec(value.replace(/^v/, ''));
  return m ? { version: value.replace(/^v/, ''), cycle: m[1] as string } : undefined;
}

/** Temurin `jdk-21.0.5+11`, `jdk8u432-b06`; openjdk `21.0.2`, `22-ea+27`, `1.8.0_402`. */
function javaVersion(value: string): { version: string; cycle: string } | undefined {
  const v = value.replace(/^jdk-?/, '');
  const eight = /^(?:1\.)?8(?:u|\.0_)\d+/.exec(v);
  if (eight) return { version: v, cycle: '8' };
  const m = /^(\d+)(?:[.+-]|$)/.exec(v);
  return m ? { version: v, cycle: m[1] as string } : undefined;
}

const ENV_RULES: readonly EnvRule[] = [
  { variable: 'PYTHON_VERSION', name: 'python', image: () => 'python', parse: majorMinor },
  { variable: 'NODE_VERSION', name: 'node', image: () => 'node', parse: major },
  { variable: 'GOLANG_VERSION', name: 'go', image: () => 'golang', parse: majorMinor },
  { variable: 'JAVA_VERSION', name: 'java', image: (v) => (v.startsWith('jdk') ? 'eclipse-temurin' : 'openjdk'), parse: javaVersion },
  { variable: 'RUBY_VERSION', name: 'ruby', image: () => 'ruby', parse: majorMinor },
  { variable: 'PHP_VERSION', name: 'php', image: () => 'php', parse: majorMinor },
];

/** binary-fingerprint package names of runtimes → runtime, release line. */
const BINARY_RULES: ReadonlyArray<{ fingerprint: string; name: RuntimeName; parse: (v: string) => { version: string; cycle: string } | undefined }> = [
  { fingerprint: 'python', name: 'python', parse: majorMinor },
  { fingerprint: 'node', name: 'node', parse: major },
  { fingerprint: 'go', name: 'go', parse: majorMinor },
  { fingerprint: 'openjdk', name: 'java', parse: javaVersion },
  { fingerprint: 'ruby', name: 'ruby', parse: majorMinor },
  { fingerprint: 'php', name: 'php', parse: majorMinor },
];

export function envValue(env: readonly string[] | undefined, variable: string): string | undefined {
  const prefix = `${variable}=`;
  const line = (env ?? []).find((e) => e.startsWith(prefix));
  return line?.slice(prefix.length).trim();
}

export function runtimesOf(inv: Inventory): RuntimeInfo[] {
  const out: RuntimeInfo[] = [];
  const env = inv.source.config?.env;
  for (const rule of ENV_RULES) {
    const value = envValue(env, rule.variable);
    const parsed = value === undefined ? undefined : rule.parse(value);
    if (value === undefined || parsed === undefined) continue;
    out.push({ name: rule.name, ...parsed, source: 'env', image: rule.image(value), evidence: [`ENV ${rule.variable}=${value}`] });
  }
  for (const found of binaryRuntimes(inv)) {
    const same = out.find((r) => r.name === found.name && r.cycle === found.cycle);
    if (same) same.evidence.push(...found.evidence);
    else if (!out.some((r) => r.name === found.name && r.source === 'env')) out.push(found);
  }
  return out;
}

/**
 * Runtime binaries identified by version string, one per runtime line. The inventory has already
 * dropped those an OS package owns (binary-fingerprint's `osOwned: 'drop'`, paths compared through
 * the merged-/usr links), so what remains was copied or built in.
 */
function binaryRuntimes(inv: Inventory): RuntimeInfo[] {
  const byKey = new Map<string, RuntimeInfo>();
  for (const p of inv.packages) {
    if (p.foundBy !== 'binary-fingerprint') continue;
    const rule = BINARY_RULES.find((r) => r.fingerprint === p.name);
    const parsed = rule?.parse(p.version);
    if (rule === undefined || parsed === undefined) continue;
    const key = `${rule.name}@${parsed.cycle}`;
    const seen = byKey.get(key);
    if (seen) seen.evidence.push(`binary ${p.location}`);
    else byKey.set(key, { name: rule.name, ...parsed, source: 'binary', evidence: [`binary ${p.location}`] });
  }
  return [...byKey.values()];
}
