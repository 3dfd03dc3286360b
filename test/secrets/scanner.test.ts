/**
 * scanContent: what a hit says (rule, line, column, offset, masked), what is skipped (binary, too
 * large, known-safe paths), and that running patterns only around keyword hits finds exactly what
 * running them over whole files finds.
 */
import { describe, expect, it } from 'vitest';
import type { RuleSpec } from '../../src/secrets/rule.js';
import { isProbablyBinary } from '../../src/secrets/binary.js';
import { SAFE_PATHS, safePathId } from '../../src/secrets/paths.js';
import { BUILTIN_ALLOWLISTS, SECRET_RULES } from '../../src/secrets/rules/index.js';
import { compileRules, mask, scanContent, skipReason } from '../../src/secrets/scanner.js';
import { prng } from '../helpers/prng.js';

const BUILTIN = compileRules(SECRET_RULES, { allowlists: BUILTIN_ALLOWLISTS });
const scan = (text: string, path = 'app/.env') => scanContent(Buffer.from(text, 'utf8'), path, BUILTIN);

// fake credentials in the real formats (random, never issued)
const GHP = 'ghp_R7bK2mQ9xLw4TzN8vC3pH6sJ1dF5gY0aE2uI';
const AKIA = 'AKIAQ3EGUMKN7ZVPR2XJ';
const SLACK = 'xoxb-284613907512-4719305826147-qH7vT2mK9xLw4RzN8bC3pS6d';

describe('hits', () => {
  it('report rule, severity, 1-based line and byte column, offset and length of the secret', () => {
    const text = `# deploy settings\nREGION=eu-west-1\nGITHUB_TOKEN=${GHP}\n`;
    const [hit, ...rest] = scan(text);
    expect(rest).toEqual([]);
    expect(hit).toEqual({
      ruleId: 'github-pat',
      title: 'GitHub personal access token (classic)',
      severity: 'critical',
      line: 3,
      column: 14,
      masked: 'ghp_****',
      offset: text.indexOf(GHP),
      length: GHP.length,
    });
  });

  it('never contain the secret, only its first chars (fewer for short secrets)', () => {
    const text = `aws_access_key_id = ${AKIA}\nSLACK=${SLACK}\nDATABASE_URL=postgres://app:Zq8r2LmX@db:5432/app\n`;
    const hits = scan(text);
    expect(hits.map((h) => h.ruleId)).toEqual(expect.arrayContaining(['aws-access-token', 'slack-bot-token', 'database-url-password']));
    const json = JSON.stringify(hits);
    for (const secret of [AKIA, SLACK, 'Zq8r2LmX', AKIA.slice(0, 8)]) expect(json).not.toContain(secret);
    expect(mask('0123456789abcdefXYZ')).toBe('0123****');
    expect(mask('Zq8r2LmX')).toBe('Zq****');
    expect(mask('abc')).toBe('****');
  });

  it('are sorted by offset; lines and columns are right in a CRLF file', () => {
    const text = `a=1\r\nSLACK=${SLACK}\r\nGH=${GHP}\r\n`;
    expect(scan(text).map((h) => [h.ruleId, h.line, h.column, h.offset])).toEqual([
      ['slack-bot-token', 2, 7, text.indexOf(SLACK)],
      ['github-pat', 3, 4, text.indexOf(GHP)],
    ]);
  });

  it('find a token in the middle of a minified line longer than the window', () => {
    const line = `${'var a=1;'.repeat(3000)}const t="${GHP}";${'b();'.repeat(3000)}`;
    const hits = scan(line, 'app/static/bundle.min.js');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.column).toBe(line.indexOf(GHP) + 1);
  });

  it('a generic finding yields to a specific rule that found the same secret on the line', () => {
    const ids = scan(`api_token = "${GHP}"\n`).map((h) => h.ruleId);
    expect(ids).toEqual(['github-pat']);
  });
});

describe('skipped content', () => {
  it('binary content is sniffed: NUL bytes, compressed and executable formats, control-byte soup', () => {
    expect(isProbablyBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1]))).toBe(true);
    expect(isProbablyBinary(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe(true);
    expect(isProbablyBinary(Buffer.from(`TOKEN=${GHP}\u0000`))).toBe(true);
    expect(isProbablyBinary(Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 7) % 32)))).toBe(true);
    expect(isProbablyBinary(Buffer.from('plain text\twith tabs\r\nand \x1b[1mcolour\x1b[0m'))).toBe(false);
    expect(isProbablyBinary(Buffer.from('Größe, café, 日本語のテキスト', 'utf8'))).toBe(false);
    expect(isProbablyBinary(Buffer.from('caf\xe9 cr\xe8me in latin1, mostly ASCII', 'latin1'))).toBe(false);
    expect(scanContent(Buffer.concat([Buffer.from(`GH=${GHP}\n`), Buffer.alloc(4)]), 'app/x.bin', BUILTIN)).toEqual([]);
  });

  it('files larger than the cap are skipped, with the reason', () => {
    const small = compileRules(SECRET_RULES, { maxFileBytes: 100 });
    expect(skipReason('app/big.txt', 101, small)).toMatch(/larger than 100 bytes/);
    expect(scanContent(Buffer.from(`GH=${GHP}\n${'x'.repeat(100)}`), 'app/big.txt', small)).toEqual([]);
    expect(skipReason('app/ok.txt', 100, small)).toBeUndefined();
  });

  const SAFE: ReadonlyArray<readonly [string, string, string]> = [
    ['ca-certificates', '/etc/ssl/certs/ca-certificates.crt', 'etc/ssl/private/server.key'],
    ['ca-certificates', 'usr/local/lib/python3.12/site-packages/certifi/cacert.pem', 'app/certs/client-key.pem'],
    ['package-docs', 'usr/share/doc/curl/README.md', 'usr/share/nginx/html/index.html'],
    ['package-docs', 'usr/share/man/man1/curl.1', 'usr/local/app/share/doc.txt'],
    ['python-stdlib-tests', 'usr/local/lib/python3.12/test/keycert.pem', 'app/test/settings.py'],
    ['python-stdlib-tests', 'usr/lib/python3.11/test/certdata/badkey.pem', 'usr/lib/python3.11/ssl.py'],
    ['go-toolchain', 'usr/local/go/src/crypto/tls/testdata/example-key.pem', 'go/src/app/main.go'],
    ['package-tests', 'app/node_modules/jsonwebtoken/test/priv.pem', 'app/src/test/keys.js'],
    ['package-tests', 'usr/local/lib/python3.12/site-packages/oauthlib/tests/test_x.py', 'usr/local/lib/python3.12/site-packages/app/settings.py'],
    ['package-tests', 'root/go/pkg/mod/github.com/x/y@v1/testdata/key.pem', 'root/go/pkg/mod/github.com/x/y@v1/config.go'],
    ['package-markdown', 'app/node_modules/@octokit/auth-token/README.md', 'app/README.md'],
    ['package-metadata', 'var/lib/dpkg/status', 'var/lib/app/status'],
    ['package-metadata', 'usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info/PKG-INFO', 'usr/lib/python3/dist-packages/jwt/api_jwt.py'],
  ];

  it.each(SAFE)('known-safe path %s: %s skipped, %s scanned', (id, safe, scanned) => {
    expect(safePathId(safe.replace(/^\//, ''))).toBe(id);
    expect(skipReason(safe, 10, BUILTIN)).toBe(`known-safe path (${id})`);
    expect(safePathId(scanned)).toBeUndefined();
  });

  it('every known-safe path entry is covered by the table above and explains itself', () => {
    expect(new Set(SAFE.map(([id]) => id))).toEqual(new Set(SAFE_PATHS.map((s) => s.id)));
    for (const s of SAFE_PATHS) expect(s.why.length, s.id).toBeGreaterThan(40);
  });
});

describe('rule features', () => {
  const rule = (over: Partial<RuleSpec>): RuleSpec => ({ id: 'acme', title: 'ACME key', severity: 'high', keywords: ['acme_'], pattern: 'acme_[a-z0-9]{8}', ...over });

  it('a path-only rule reports the file itself, binary or not', () => {
    const set = compileRules([{ id: 'pkcs12-file', title: 'PKCS#12 file', severity: 'high', keywords: [], path: String.raw`\.p(?:12|fx)$` }]);
    expect(scanContent(Buffer.from([0x30, 0x82, 0, 0]), 'root/cert.p12', set).map((h) => [h.ruleId, h.length])).toEqual([['pkcs12-file', 0]]);
    expect(scanContent(Buffer.from('x'), 'root/cert.pem', set)).toEqual([]);
  });

  it('`path` limits a rule to some files; a secret inside an exclude block is dropped', () => {
    const onlyEnv = compileRules([rule({ path: String.raw`\.env$` })]);
    expect(scanContent(Buffer.from('acme_k3y9x2m1'), 'app/.env', onlyEnv)).toHaveLength(1);
    expect(scanContent(Buffer.from('acme_k3y9x2m1'), 'app/x.txt', onlyEnv)).toHaveLength(0);
    const blocks = compileRules([rule({ excludeBlocks: ['BEGIN EXAMPLE[\\s\\S]*?END EXAMPLE'] })]);
    const hits = scanContent(Buffer.from('BEGIN EXAMPLE\nacme_aaaa1111\nEND EXAMPLE\nacme_k3y9x2m1\n'), 'app/x', blocks);
    expect(hits.map((h) => h.line)).toEqual([4]);
  });

  it('allow-lists: stopwords, values, match and line targets, AND conditions with paths', () => {
    const set = compileRules([
      rule({
        allowlists: [
          { stopwords: ['dead'] },
          { regexes: ['^acme_0'] },
          { regexes: ['sample'], target: 'line' },
          { condition: 'and', paths: ['^fixtures/'], regexes: ['^acme_9'] },
        ],
      }),
    ]);
    const found = (text: string, path = 'app/x'): number => scanContent(Buffer.from(text), path, set).length;
    expect(found('acme_deadbeef')).toBe(0);
    expect(found('acme_0k3y9x2m')).toBe(0);
    expect(found('sample: acme_k3y9x2m1')).toBe(0);
    expect(found('acme_9k3y9x2m', 'fixtures/a')).toBe(0);
    expect(found('acme_9k3y9x2m', 'app/a')).toBe(1);
    expect(found('acme_k3y9x2m1')).toBe(1);
  });
});

describe('keyword windows find what whole-file matching finds', () => {
  it('on random documents with planted secrets, for every built-in rule', () => {
    const rand = prng(7);
    const whole = compileRules(
      SECRET_RULES.map((r) => ({ ...r, multiline: true })),
      { allowlists: BUILTIN_ALLOWLISTS },
    );
    const samples = SECRET_RULES.flatMap((r) => r.examples.match.filter(() => r.examples.path === undefined));
    const noise = ['const api = require("./api");', 'the key to success', 'token:', 'password:', '', '  - name: s.example', 'x'.repeat(120), 'ssh-keygen -t ed25519'];
    let hits = 0;
    for (let round = 0; round < 40; round++) {
      const lines: string[] = [];
      for (let i = 0; i < 60; i++) {
        const pick = rand() < 0.3 ? samples : noise;
        lines.push(pick[Math.floor(rand() * pick.length)] ?? '');
      }
      const text = Buffer.from(lines.join(rand() < 0.5 ? '\n' : '\r\n'));
      const strip = (hs: ReturnType<typeof scanContent>) => hs.map((h) => `${h.ruleId}@${h.offset}+${h.length}`).sort();
      const windowed = scanContent(text, 'app/doc.txt', BUILTIN);
      hits += windowed.length;
      expect(strip(windowed), `round ${round}`).toEqual(strip(scanContent(text, 'app/doc.txt', whole)));
    }
    expect(hits).toBeGreaterThan(400);
  });
});

describe("Dockle CIS-DI-0010's false positives do not happen", () => {
  // ENV and history lines of official images that Dockle's users reported (goodwithtech/dockle
  // #130, #159, #202, #250) or that sit in every python/php/nginx/node image.
  const LINES = [
    'ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
    'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305',
    'ENV GPG_KEYS 39B641343D8C104B2B146DC3F9C39DC0B9698544 E60913E4DF209907D8E30D96659A97C9CF2A795A',
    'WORDPRESS_CLI_GPG_KEY=63AF7AA15067C05616FDDD88A3A2E8F226F0BC06',
    'NGINX_GPGKEY=573BFD6B3D8FBC641079A6ABABF5BD827BD9BF62',
    'ENV PYTHON_SHA256=24887b92e2afd4a2ac602419ad4b596372f67ac9b077190f459aba390faf5550',
    "echo 'access.log = /proc/self/fd/2';",
    'RUN apk add --no-cache libcrypto3=3.1.4-r1 libssl3=3.1.4-r1',
    'KEYCLOAK_VERSION=24.0.4',
    'KC_HTTPS_KEY_STORE_FILE=/opt/keycloak/conf/server.keystore',
    'RUN gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$GPG_KEY"',
    'RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci',
    'ENV NODE_VERSION=20.11.1 YARN_VERSION=1.22.19',
    'ARG JAVA_TOOL_OPTIONS="-Djavax.net.ssl.trustStorePassword=changeit"',
  ];
  it.each(LINES)('%s', (line) => expect(scan(line, 'image/config/env')).toEqual([]));
});
