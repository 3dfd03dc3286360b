import { describe, expect, it } from 'vitest';
import { BINARY_RULES } from '../../../src/inventory/fingerprints/binary-rules.js';
import { candidateRule } from '../../../src/inventory/fingerprints/candidates.js';
import { binaryConsumer } from '../../../src/inventory/fingerprints/consumers.js';
import { cpe23 } from '../../../src/inventory/fingerprints/products.js';
import type { BinaryRule, Fingerprint } from '../../../src/inventory/fingerprints/types.js';

const ELF = Buffer.from('\x7fELF\x02\x01\x01\0', 'latin1');
/** Filler that looks like code and data (no version strings). */
const FILLER = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251));

function fileWith(text: string, elf = true): Buffer {
  return Buffer.concat([elf ? ELF : Buffer.from('#!/bin/sh\n'), FILLER, Buffer.from(text, 'latin1'), FILLER]);
}

function run(rule: BinaryRule, base: string, data: Buffer, chunk: number): Fingerprint | null {
  const c = binaryConsumer(rule, base);
  for (let i = 0; i < data.length; i += chunk) c.data(data.subarray(i, i + chunk));
  return c.end() as Fingerprint | null;
}

/** A base name the rule is a candidate for (its sources may depend on it). */
const BASE: Record<string, string> = {
  nginx: 'nginx', httpd: 'httpd', postgresql: 'postgres', mariadb: 'mariadbd', curl: 'curl', libcurl: 'libcurl.so.4',
  busybox: 'busybox', bash: 'bash', openssl: 'libcrypto.so.3', node: 'node', ruby: 'ruby', php: 'php', python: 'python3.11', redis: 'redis-server',
};

/** Strings close to a rule's version strings that must not be taken for one (most from the same real binaries). */
const NEAR_MISSES: Record<string, string[]> = {
  nginx: ['\0nginx/1.22.1\0', '\0nginx version: openresty/1.21.4.1\n\0', '\0nginx version: nginx/%s\0'],
  httpd: ['\0Apache/2.4\0Apache/2\0', '\0Apache/%s\0'],
  postgresql: ['\0This is caused by an incomplete page split at crash recovery before upgrading to PostgreSQL 9.1.\0', '\0PostgreSQL %s\0'],
  mariadb: ['\x005.5.5-10.11.19-MariaDB\0', '\0Master reported unrecognized MariaDB version: %s\0'],
  curl: ['\0Usage: curl [options...] <url>\0', '\x007.88.1-10+deb12u15\0', '\0curl %s (%s)\0'],
  libcurl: ['\0libcurl/%s\0', '\0CLIENT libcurl %s\0'],
  busybox: ['\0BusyBox is copyrighted by many authors between 1998-2015.\0'],
  bash: ['\0GNU bash, version %s-(%s)\0', '\0@(#)Bash version %s\0'],
  openssl: ['\0OPENSSL_3.0.0\0OPENSSL_3.0.3\0', '\0OpenSSL 1.1.1 or later is required\0', '\0OpenSSL %s\0'],
  node: ['\0node.js/v%s\0', '\0https://nodejs.org/download/release/\0'],
  ruby: ['\0ruby 2.0 or later\0', '\0ruby %s (%s revision %s)\0'],
  php: ['\0X-Powered-By: PHP/%s\0', '\0PHP 8.2.36 (cli)\0'],
  python: ['\x003.12.1\0', '\0Python 3.11.2\0', '\x003.11.2 (main, Oct 7 2026)\0', '\0lib/python3.11\0'],
  // bare versions (command "since" fields, a library version) but no build id that confirms one
  redis: ['\x002.6.0\0\x006.0.0\0\x007.0.15\0jemalloc-5.3.0\0', '\x007.0.15\0\x007.0.15-its-not-a-build-id\0'],
};

describe('binary fingerprint rules', () => {
  it('has a candidate name, examples and near misses for every rule', () => {
    for (const rule of BINARY_RULES) {
      const base = BASE[rule.id];
      expect(base, rule.id).toBeDefined();
      expect(candidateRule(`usr/bin/${base}`, { size: 1 << 20, mode: 0o755 }), rule.id).toBe(rule);
      expect(rule.examples.length, rule.id).toBeGreaterThan(0);
      expect(NEAR_MISSES[rule.id]?.length, rule.id).toBeGreaterThan(0);
    }
  });

  describe.each(BINARY_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    it.each(rule.examples.map((e) => [e.from, e] as const))('reads the version string of %s', (_from, example) => {
      const data = fileWith(example.text);
      for (const chunk of [1, 2, 7, 64, 4096, data.length]) {
        const fp = run(rule, example.base ?? BASE[rule.id] ?? '', data, chunk);
        expect(fp, `chunk ${chunk}`).toMatchObject({ rule: rule.id, name: rule.product.name, version: example.version });
        expect(fp?.problem).toBeUndefined();
      }
    });

    it('finds nothing in a file that is not ELF, whatever it says', () => {
      for (const example of rule.examples) expect(run(rule, example.base ?? BASE[rule.id] ?? '', fileWith(example.text, false), 4096)).toBeNull();
    });

    it('is not fooled by near misses', () => {
      for (const text of NEAR_MISSES[rule.id] ?? []) expect(run(rule, BASE[rule.id] ?? '', fileWith(text), 4096), JSON.stringify(text)).toBeNull();
    });
  });

  it('reports the first of two different version strings, with an unknown saying so', () => {
    const rule = BINARY_RULES.find((r) => r.id === 'nginx') as BinaryRule;
    const fp = run(rule, 'nginx', fileWith('\0nginx version: nginx/1.22.1\n\0 ... \0nginx version: nginx/1.25.3\n\0'), 512);
    expect(fp).toMatchObject({ version: '1.22.1', problem: 'several version strings (1.22.1, 1.25.3); reported the first, 1.22.1' });
  });

  it('takes the longest bare Redis version that starts the build id', () => {
    const rule = BINARY_RULES.find((r) => r.id === 'redis') as BinaryRule;
    // upstream build: REDIS_BUILD_ID is "<host>-<timestamp>", dirty count, 8-hex git sha
    const upstream = '\x007.2.4\0\x002.6.0\0\x007.2.0\0\x007.2.4buildkitsandbox-17000000000a1b2c3d4\0';
    expect(run(rule, 'redis-server', fileWith(upstream), 100)).toMatchObject({ version: '7.2.4' });
    const ambiguous = '\x007.0.1\0\x007.0.15\0\0A7.0.151790282056000000000\0';
    expect(run(rule, 'redis-server', fileWith(ambiguous), 100)).toMatchObject({ version: '7.0.15' });
  });
});

describe('candidate files', () => {
  const exec = { size: 1 << 20, mode: 0o755 };
  const data = { size: 1 << 20, mode: 0o644 };
  const cases: Array<[string, { size: number; mode: number }, string | undefined]> = [
    ['usr/bin/bash', exec, 'bash'],
    ['usr/bin/bash', data, undefined],
    ['etc/bash.bashrc', exec, undefined],
    ['usr/local/bin/node', exec, 'node'],
    ['usr/bin/nodejs', exec, 'node'],
    ['usr/lib/x86_64-linux-gnu/libnode.so.108', data, 'node'],
    ['usr/local/bin/python3.12', exec, 'python'],
    ['usr/bin/python3', exec, undefined],
    ['usr/local/lib/libpython3.12.so.1.0', data, 'python'],
    ['usr/lib/libpython3.7m.so.1.0', data, 'python'],
    ['usr/lib/libpython3.so', data, undefined],
    ['usr/lib/libpython3.11.a', data, undefined],
    ['usr/bin/ruby3.1', exec, 'ruby'],
    ['usr/lib/x86_64-linux-gnu/libruby-3.1.so.3.1.2', data, 'ruby'],
    ['usr/local/lib/libruby.so.3.3.0', data, 'ruby'],
    ['usr/bin/php8.2', exec, 'php'],
    ['usr/bin/php82', exec, 'php'],
    ['usr/sbin/php-fpm8.2', exec, 'php'],
    ['usr/lib/apache2/modules/libphp8.2.so', data, 'php'],
    ['usr/bin/phpize', exec, undefined],
    ['usr/bin/openssl', exec, 'openssl'],
    ['usr/lib/x86_64-linux-gnu/libcrypto.so.3', data, 'openssl'],
    ['usr/lib64/libcrypto.so.1.1.1k', data, 'openssl'],
    ['usr/lib/x86_64-linux-gnu/libssl.so.3', data, undefined],
    ['usr/lib/x86_64-linux-gnu/libcrypto.a', data, undefined],
    ['usr/sbin/nginx', exec, 'nginx'],
    ['etc/nginx/nginx.conf', data, undefined],
    ['usr/sbin/apache2', exec, 'httpd'],
    ['usr/local/apache2/bin/httpd', exec, 'httpd'],
    ['usr/bin/redis-check-rdb', exec, 'redis'],
    ['usr/local/bin/redis-server', exec, 'redis'],
    ['usr/bin/redis-cli', exec, undefined],
    ['usr/lib/postgresql/15/bin/postgres', exec, 'postgresql'],
    ['usr/sbin/mariadbd', exec, 'mariadb'],
    ['usr/sbin/mysqld', exec, 'mariadb'],
    ['usr/bin/curl', exec, 'curl'],
    ['usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4', data, 'libcurl'],
    ['usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0', data, 'libcurl'],
    ['bin/busybox', exec, 'busybox'],
    ['opt/java/openjdk/release', { size: 1234, mode: 0o644 }, 'java-release'],
    ['opt/big/release', { size: 1 << 20, mode: 0o644 }, undefined],
    ['usr/local/go/VERSION', { size: 40, mode: 0o644 }, 'go-version'],
    ['srv/app/VERSION', { size: 5000, mode: 0o644 }, undefined],
    ['usr/share/doc/openssl/README', data, undefined],
  ];
  it.each(cases)('%s %o', (path, info, id) => {
    expect(candidateRule(path, info)?.id).toBe(id);
  });
});

describe('cpe23', () => {
  it('writes CPE 2.3 formatted strings, escaping what the binding requires', () => {
    expect(cpe23('openssl', 'openssl', '3.0.2')).toBe('cpe:2.3:a:openssl:openssl:3.0.2:*:*:*:*:*:*:*');
    expect(cpe23('nodejs', 'node.js', '18.20.4')).toBe('cpe:2.3:a:nodejs:node.js:18.20.4:*:*:*:*:*:*:*');
    expect(cpe23('python', 'python', '3.11.7+')).toBe('cpe:2.3:a:python:python:3.11.7\\+:*:*:*:*:*:*:*');
    expect(cpe23('oracle', 'openjdk', '1.8.0_392')).toBe('cpe:2.3:a:oracle:openjdk:1.8.0_392:*:*:*:*:*:*:*');
  });
});
