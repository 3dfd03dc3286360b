import { PRODUCTS } from './products.js';
import { redisRule } from './redis.js';
import type { AnchoredSource, BinaryRule, Product, RuleExample } from './types.js';

/**
 * Version fingerprints for compiled programs and libraries, learnt from the real binaries of
 * Debian 12 (bookworm) and upstream builds. Each source reads a version string next to a literal
 * anchor; the examples are the exact bytes around it (`\0` = NUL) and the file they come from. A
 * rule only ever looks at its own candidate files (see candidates.ts), and only at ELF files.
 */

const V3 = String.raw`\d{1,3}\.\d{1,3}\.\d{1,4}`;

function anchored(anchor: string, after: number, pattern: RegExp, extra: Partial<AnchoredSource> = {}): AnchoredSource {
  return { kind: 'anchored', anchor, after, pattern, ...extra };
}

function rule(id: string, product: Product, sources: AnchoredSource[], examples: RuleExample[]): BinaryRule {
  return { kind: 'binary', id, product, sources: () => sources, examples };
}

const nginx = rule(
  'nginx',
  PRODUCTS.nginx,
  [anchored('nginx version: nginx/', 16, new RegExp(String.raw`^nginx version: nginx/(${V3})(?=[\n\0 ])`))],
  [{ text: 's"\0nginx version: nginx/1.22.1\n\0OpenSSL 3.0.22 25 Aug 2026\0', version: '1.22.1', from: 'Debian nginx 1.22.1-9+deb12u11: usr/sbin/nginx' }],
);

const httpd = rule(
  'httpd',
  PRODUCTS.httpd,
  // ap_get_server_banner(): "Apache/2.4.71" and "Apache/2.4.71 (Debian)"; "Apache/2.4" and "Apache/2" are the shorter ServerTokens forms
  [anchored('Apache/', 16, new RegExp(String.raw`^Apache/(${V3})(?=[\0 ])`))],
  [{ text: 'mailto:\0Apache/2.4.71\0 Server at <a href="\0', version: '2.4.71', from: 'Debian apache2-bin 2.4.71-1~deb12u1: usr/sbin/apache2' }],
);

const postgres = rule(
  'postgresql',
  PRODUCTS.postgresql,
  [
    // `postgres --version`
    anchored('postgres (PostgreSQL) ', 24, new RegExp(String.raw`^postgres \(PostgreSQL\) (\d{1,2}(?:\.\d{1,3}){1,2}(?:(?:beta|rc)\d{1,2})?)(?=[\n\0 ])`)),
    // PG_VERSION_STR, `SELECT version()`
    anchored('PostgreSQL ', 80, new RegExp(String.raw`^PostgreSQL (\d{1,2}(?:\.\d{1,3}){1,2}(?:(?:beta|rc)\d{1,2})?)(?: \([^)\0]{1,60}\))? on `)),
  ],
  [
    { text: 'lists.postgresql.org\0postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n\0', version: '15.20', from: 'Debian postgresql-15 15.20-0+deb12u1: bin/postgres' },
    { text: '\0\0PostgreSQL 15.20 (Debian 15.20-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc\0', version: '15.20', from: 'Debian postgresql-15 15.20-0+deb12u1: bin/postgres' },
  ],
);

const mariadb = rule(
  'mariadb',
  PRODUCTS.mariadb,
  // MYSQL_SERVER_VERSION: the NUL-terminated "<version>-MariaDB" (the distribution suffix is added at run time)
  [anchored('-MariaDB\0', 0, new RegExp(String.raw`\0(${V3})-MariaDB\0$`), { before: 16 })],
  [{ text: 'nown\0-0+deb12u1\x0010.11.19-MariaDB\0x86_64\0debian-linux-gnu\0', version: '10.11.19', from: 'Debian mariadb-server-core 1:10.11.19-0+deb12u1: usr/sbin/mariadbd' }],
);

const curl = rule(
  'curl',
  PRODUCTS.curl,
  // the first line of `curl --version`: "curl <version> (<host>) %s"
  [anchored('curl ', 40, new RegExp(String.raw`^curl (${V3})(?:-DEV)? \([\w.-]{1,40}\)`))],
  [{ text: 'categories:\n\0\0\0curl 7.88.1 (x86_64-pc-linux-gnu) %s\n\0', version: '7.88.1', from: 'Debian curl 7.88.1-10+deb12u15: usr/bin/curl' }],
);

const libcurl = rule(
  'libcurl',
  PRODUCTS.libcurl,
  [
    // curl_version(): "libcurl/<version>" then the versions of the libraries it uses
    anchored('libcurl/', 16, new RegExp(String.raw`^libcurl/(${V3})(?:-DEV)?\0`)),
    // the DICT protocol's client line
    anchored('CLIENT libcurl ', 16, new RegExp(String.raw`^CLIENT libcurl (${V3})(?:-DEV)?\0`)),
  ],
  [
    { text: '0123456789abcdef\0\0/\0libcurl/7.88.1\0zlib/%s\0', version: '7.88.1', from: 'Debian libcurl4 7.88.1-10+deb12u15: libcurl.so.4.8.0' },
    { text: 'DICT\0CLIENT libcurl 7.88.1\0MATCH %s %s %s\0', version: '7.88.1', from: 'Debian libcurl4 7.88.1-10+deb12u15: libcurl.so.4.8.0' },
  ],
);

const busybox = rule(
  'busybox',
  PRODUCTS.busybox,
  [anchored('BusyBox v', 16, new RegExp(String.raw`^BusyBox v(${V3})(?=[\0 .(-])`))],
  [
    { text: "out of memory\0BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)\0/dev/\0", version: '1.35.0', from: 'Debian busybox 1:1.35.0-4+deb12u1+b1: bin/busybox' },
    { text: 'syslogd started: BusyBox v1.35.0\0syslogd\0', version: '1.35.0', from: 'Debian busybox 1:1.35.0-4+deb12u1+b1: bin/busybox' },
  ],
);

const bash = rule(
  'bash',
  PRODUCTS.bash,
  // the what(1) string of version.c: "@(#)Bash version <version>(<build>) <release status> GNU"
  [anchored('@(#)Bash version ', 32, new RegExp(String.raw`^@\(#\)Bash version (\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)\(\d{1,3}\) (?:release|maint|rc\d?|beta\d?|alpha\d?)`))],
  [{ text: 'permitted by law.\0\0\0@(#)Bash version 5.2.15(1) release GNU\0\0', version: '5.2.15', from: 'Debian bash 5.2.15-2+b13: bin/bash' }],
);

const openssl = rule(
  'openssl',
  PRODUCTS.openssl,
  // OPENSSL_VERSION_TEXT: "OpenSSL 3.0.22 25 Aug 2026", "OpenSSL 1.1.1w  11 Sep 2023", "OpenSSL 1.0.2k-fips  26 Jan 2017"
  [anchored('OpenSSL ', 40, new RegExp(String.raw`^OpenSSL (\d\.\d{1,2}\.\d{1,3}[a-z]{0,2})(?:[-+][\w.]{1,20})? {1,2}\d{1,2} [A-Z][a-z]{2} \d{4}`))],
  [
    { text: '@\0OpenSSL 3.0.22 25 Aug 2026\x003.0.22\0not available\0', version: '3.0.22', from: 'Debian libssl3 3.0.22-1~deb12u2: libcrypto.so.3' },
    { text: 'N/A\0OpenSSL 3.0.22 25 Aug 2026\0%s (Library: %s)\n\0', version: '3.0.22', from: 'Debian openssl 3.0.22-1~deb12u2: usr/bin/openssl' },
  ],
);

const node = rule(
  'node',
  PRODUCTS.node,
  [anchored('node.js/v', 24, new RegExp(String.raw`^node\.js/v(${V3})\0`))],
  [
    { text: '/json\0node.js/v18.20.4\0(delegate_) != nullptr\0', version: '18.20.4', from: 'Debian libnode108 18.20.4+dfsg-1~deb12u3: libnode.so.108' },
    { text: '/json\0node.js/v20.20.2\0(delegate_) != nullptr\0', version: '20.20.2', from: 'NodeSource nodejs 20.20.2 (upstream build, static): usr/bin/node' },
  ],
);

const ruby = rule(
  'ruby',
  PRODUCTS.ruby,
  // ruby_description: "ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) [x86_64-linux-gnu]" (no "pN" since 3.3)
  [anchored('ruby ', 40, new RegExp(String.raw`^ruby (${V3})(?:p\d{1,4})? \(\d{4}-\d\d-\d\d[ )]`))],
  [{ text: '\0\0ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) [x86_64-linux-gnu]\0', version: '3.1.2', from: 'Debian libruby3.1 3.1.7+really3.1.2-0+deb12u1: libruby-3.1.so.3.1.2' }],
);

const php = rule(
  'php',
  PRODUCTS.php,
  [anchored('X-Powered-By: PHP/', 20, new RegExp(String.raw`^X-Powered-By: PHP/(${V3}(?:(?:alpha|beta|RC)\d{1,2})?)(?=[\0-])`))],
  [{ text: "%s,%s\0X-Powered-By: PHP/8.2.36\0ZEND_MM_MAX_ALLOCS\0", version: '8.2.36', from: 'Debian php8.2-cli 8.2.36-1~deb12u1: usr/bin/php8.2' }],
);

/**
 * PY_VERSION is a bare NUL-terminated string ("3.11.2"); the minor version in the file name
 * (python3.11, libpython3.11.so.1.0) makes it precise enough to anchor on. The linker may merge
 * it into the tail of a longer string that ends the same way, such as the install prefix
 * (pyenv's "/root/.pyenv/versions/3.11.7") or the source directory ("/tmp/Python-3.11.7"): the
 * standalone string is preferred, the tail of a path is the fallback.
 */
const python: BinaryRule = {
  kind: 'binary',
  id: 'python',
  product: PRODUCTS.python,
  sources(base) {
    const minor = /(\d)\.(\d{1,2})/.exec(base);
    if (!minor) return [];
    const [, major, min] = minor;
    const version = String.raw`(${major}\.${min}\.\d{1,2}(?:(?:a|b|rc)\d{1,2})?\+?)\0`;
    // the character before the version is context, not anchor: a NUL-led anchor would stop at every NUL
    const anchor = `${major}.${min}.`;
    return [
      anchored(anchor, 12, new RegExp(`^\\0${version}`), { before: 1 }),
      // "versions/3.11.7", "Python-3.11.7": the path component is kept as evidence
      anchored(anchor, 12, new RegExp(`[^\\0/]{1,24}[/-]${version}`), { before: 25 }),
    ];
  },
  examples: [
    { text: '\0pymalloc_debug\x003.11.2\0strict\0', version: '3.11.2', base: 'python3.11', from: 'Debian python3.11-minimal 3.11.2-6+deb12u9: usr/bin/python3.11' },
    { text: "%s: '%s'\x003.11.2\0%.80s (%.80s) %.80s\0", version: '3.11.2', base: 'libpython3.11.so.1.0', from: 'Debian libpython3.11 3.11.2-6+deb12u9: libpython3.11.so.1.0' },
    { text: 'AMEWORK\0/root/.pyenv/versions/3.11.7\0EXEC_PREFIX\0', version: '3.11.7', base: 'libpython3.11.so.1.0', from: 'pyenv 3.11.7 (built from source): lib/libpython3.11.so.1.0' },
    { text: 'ild.20260509073455.222/Python-3.11.7\0./Modules/getbuildinfo.c\0', version: '3.11.7', base: 'python3.11', from: 'pyenv 3.11.7: bin/python3.11 (its build directory, in the debug info)' },
    { text: 'g 20.1.0 ]\0%.80s (%.80s) %.80s\x003.12.10\0_PyEval_AcquireLock\0', version: '3.12.10', base: 'libpython3.12.so.1.0', from: 'python-build-standalone 3.12.10 (Google Cloud SDK): lib/libpython3.12.so.1.0' },
  ],
};

/** Every binary rule, by id. */
export const BINARY_RULES: readonly BinaryRule[] = [nginx, httpd, postgres, mariadb, curl, libcurl, busybox, bash, openssl, node, ruby, php, python, redisRule];
