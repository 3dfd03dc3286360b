import type { EntryInfo } from '../analyzer.js';
import { BINARY_RULES } from './binary-rules.js';
import { goVersionRule } from './go-version.js';
import { javaReleaseRule } from './java-release.js';
import type { BinaryRule, FingerprintRule } from './types.js';

/**
 * Which files each rule looks at, by base name only: this runs on every regular file of every
 * layer, so it does string comparisons and a few tiny anchored patterns (no backtracking), and
 * allocates nothing but the base name. Programs must be executable; shared libraries need not be.
 */

const byId = new Map(BINARY_RULES.map((r) => [r.id, r]));
function binary(id: string): BinaryRule {
  const r = byId.get(id);
  if (!r) throw new Error(`no binary fingerprint rule ${id}`);
  return r;
}

const PROGRAMS: ReadonlyMap<string, BinaryRule> = new Map([
  ...['node', 'nodejs'].map((n) => [n, binary('node')] as const),
  ['nginx', binary('nginx')],
  ...['httpd', 'apache2'].map((n) => [n, binary('httpd')] as const),
  ...['redis-server', 'redis-check-rdb', 'redis-check-aof', 'redis-sentinel'].map((n) => [n, binary('redis')] as const),
  ...['postgres', 'postmaster'].map((n) => [n, binary('postgresql')] as const),
  ...['mariadbd', 'mysqld'].map((n) => [n, binary('mariadb')] as const),
  ['curl', binary('curl')],
  ['busybox', binary('busybox')],
  ['bash', binary('bash')],
  ['openssl', binary('openssl')],
  ...['php', 'php-fpm', 'php-cgi'].map((n) => [n, binary('php')] as const),
  ['ruby', binary('ruby')],
]);

/** python3.11, ruby3.1, php8.2 / php82, php-fpm8.2, php-cgi8.2. */
const VERSIONED_PROGRAM: ReadonlyArray<[RegExp, BinaryRule]> = [
  [/^python\d\.\d{1,2}$/, binary('python')],
  [/^ruby\d\.\d{1,2}$/, binary('ruby')],
  [/^php(?:-fpm|-cgi)?\d{1,2}(?:\.\d{1,2})?$/, binary('php')],
];

/** Shared libraries: libcrypto.so.3, libcurl-gnutls.so.4, libpython3.11.so.1.0, libruby-3.1.so.3.1, ... */
const LIBRARIES: ReadonlyArray<[RegExp, BinaryRule]> = [
  [/^libcrypto\.so(?:\.[\da-z.]{1,16})?$/, binary('openssl')],
  [/^libcurl(?:-gnutls|-nss)?\.so(?:\.[\da-z.]{1,16})?$/, binary('libcurl')],
  [/^libnode\.so(?:\.[\da-z.]{1,16})?$/, binary('node')],
  [/^libpython\d\.\d{1,2}[dmu]{0,3}\.so(?:\.[\da-z.]{1,16})?$/, binary('python')],
  [/^libruby(?:-\d\.\d{1,2})?\.so(?:\.[\da-z.]{1,16})?$/, binary('ruby')],
  [/^libphp(?:\d{1,2}(?:\.\d{1,2})?)?\.so$/, binary('php')],
];

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The rule a file is a candidate for, if any. */
export function candidateRule(path: string, info: EntryInfo): FingerprintRule | undefined {
  const base = baseName(path);
  if (base === 'release') return info.size <= javaReleaseRule.maxBytes ? javaReleaseRule : undefined;
  if (base === 'VERSION') return info.size <= goVersionRule.maxBytes ? goVersionRule : undefined;
  if (base.startsWith('lib')) return base.includes('.so') ? firstMatch(LIBRARIES, base) : undefined;
  if ((info.mode & 0o111) === 0) return undefined;
  const program = PROGRAMS.get(base);
  if (program) return program;
  const c = base.charCodeAt(0);
  // p(ython|hp), r(uby)
  return c === 0x70 || c === 0x72 ? firstMatch(VERSIONED_PROGRAM, base) : undefined;
}

function firstMatch(table: ReadonlyArray<[RegExp, BinaryRule]>, base: string): BinaryRule | undefined {
  for (const [re, rule] of table) if (re.test(base)) return rule;
  return undefined;
}
