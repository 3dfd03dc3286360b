import type { Product } from './types.js';

/** The software fingerprints identify: `pkg:generic/<name>` and the NVD's CPE vendor:product. */
export const PRODUCTS = {
  node: { name: 'node', cpeVendor: 'nodejs', cpeProduct: 'node.js' },
  python: { name: 'python', cpeVendor: 'python', cpeProduct: 'python' },
  ruby: { name: 'ruby', cpeVendor: 'ruby-lang', cpeProduct: 'ruby' },
  php: { name: 'php', cpeVendor: 'php', cpeProduct: 'php' },
  openjdk: { name: 'openjdk', cpeVendor: 'oracle', cpeProduct: 'openjdk' },
  oracleJdk: { name: 'oracle-jdk', cpeVendor: 'oracle', cpeProduct: 'jdk' },
  go: { name: 'go', cpeVendor: 'golang', cpeProduct: 'go' },
  openssl: { name: 'openssl', cpeVendor: 'openssl', cpeProduct: 'openssl' },
  nginx: { name: 'nginx', cpeVendor: 'f5', cpeProduct: 'nginx' },
  httpd: { name: 'httpd', cpeVendor: 'apache', cpeProduct: 'http_server' },
  redis: { name: 'redis', cpeVendor: 'redis', cpeProduct: 'redis' },
  postgresql: { name: 'postgresql', cpeVendor: 'postgresql', cpeProduct: 'postgresql' },
  mariadb: { name: 'mariadb', cpeVendor: 'mariadb', cpeProduct: 'mariadb' },
  curl: { name: 'curl', cpeVendor: 'haxx', cpeProduct: 'curl' },
  libcurl: { name: 'libcurl', cpeVendor: 'haxx', cpeProduct: 'libcurl' },
  busybox: { name: 'busybox', cpeVendor: 'busybox', cpeProduct: 'busybox' },
  bash: { name: 'bash', cpeVendor: 'gnu', cpeProduct: 'bash' },
} as const satisfies Record<string, Product>;

/**
 * A CPE 2.3 formatted string for an application version. Characters other than letters, digits,
 * `.`, `_` and `-` are escaped with a backslash, as the formatted-string binding requires.
 */
export function cpe23(vendor: string, product: string, version: string): string {
  const esc = (s: string): string => s.toLowerCase().replace(/[^a-z0-9._-]/g, (c) => `\\${c}`);
  return `cpe:2.3:a:${esc(vendor)}:${esc(product)}:${esc(version)}:*:*:*:*:*:*:*`;
}
