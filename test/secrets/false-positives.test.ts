/**
 * False positives on real text: this machine's /etc, /usr/share/doc (first 60 MB), the Python packages
 * in /usr/lib/python3/dist-packages and the repo's node_modules (all of it), each file scanned
 * under the path it would have in an image (node_modules as an application's, under app/). Read-only.
 *
 * With the built-in rules and known-safe paths, every hit must be a real secret listed in TRUE_SECRETS
 * with what it is; with the known-safe paths switched off (the rules alone), every hit must be a real
 * secret too (test fixtures and examples of packages: what those paths exist for). The lists are
 * exact where the file exists, so a new hit fails the test until someone decides what it is.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ALLOWLISTS, SECRET_RULES } from '../../src/secrets/rules/index.js';
import { compileRules, scanContent, type CompiledRules } from '../../src/secrets/scanner.js';
import { REPO_ROOT } from '../helpers/fixtures.js';

/** Real secrets on this machine, found with the known-safe paths on. `path → rule ids`. */
const TRUE_SECRETS: Readonly<Record<string, { readonly rules: readonly string[]; readonly what: string }>> = {
  'etc/chromium.d/apikeys': {
    rules: ['gcp-api-key', 'generic-api-key'],
    what: "Debian's chromium package ships its Google API key and OAuth client secret in /etc: real credentials, in every image with chromium",
  },
};

/** Real secrets that only the known-safe paths keep out (rules alone). */
const SAFE_PATH_SECRETS: Readonly<Record<string, { readonly rules: readonly string[]; readonly what: string }>> = {
  'usr/share/doc/libxmlsec1-dev/examples/rsakey.pem': { rules: ['private-key'], what: 'an RSA private key shipped as an example of libxmlsec1-dev (package-docs)' },
  'usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info/PKG-INFO': { rules: ['jwt'], what: "a JWT signed with the key `secret` in PyJWT's README (package-metadata)" },
  'app/node_modules/zod/src/v4/classic/tests/string.test.ts': { rules: ['generic-api-key'], what: "a random `key=` URL parameter, a fixture of zod's tests (package-tests)" },
  'app/node_modules/zod/src/v4/mini/tests/string.test.ts': { rules: ['jwt'], what: "jwt.io's sample token, a fixture of zod's tests (package-tests)" },
};

interface TextFile {
  readonly path: string;
  readonly content: Buffer;
}

/** Regular files under `dir` in sorted order, until `budget` bytes; `image` maps a real path to its image path. */
function files(dir: string, budget: number, image: (real: string) => string): TextFile[] {
  const out: TextFile[] = [];
  let used = 0;
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const e of entries) {
      if (used >= budget) return;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        try {
          const content = readFileSync(p);
          out.push({ path: image(p), content });
          used += content.length;
        } catch {
          // unreadable (permissions): not part of this sample
        }
      }
    }
  };
  walk(dir);
  return out;
}

const CORPUS: TextFile[] = [
  ...files('/etc', 50e6, (p) => p.slice(1)),
  ...files('/usr/share/doc', 60e6, (p) => p.slice(1)),
  ...files('/usr/lib/python3/dist-packages', 80e6, (p) => p.slice(1)),
  ...files(join(REPO_ROOT, 'node_modules'), 400e6, (p) => `app/${relative(REPO_ROOT, p)}`),
];

/** `path → sorted distinct rule ids` of every hit. */
function hitsBy(rules: CompiledRules): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of CORPUS) {
    const ids = [...new Set(scanContent(f.content, f.path, rules).map((h) => h.ruleId))].sort();
    if (ids.length > 0) out[f.path] = ids;
  }
  return out;
}

/** The listed secrets whose files are in this sample, as `path → sorted rule ids`. */
function expected(list: Readonly<Record<string, { readonly rules: readonly string[] }>>): Record<string, string[]> {
  const present = new Set(CORPUS.map((f) => f.path));
  return Object.fromEntries(Object.entries(list).filter(([p]) => present.has(p)).map(([p, v]) => [p, [...v.rules].sort()]));
}

describe('no false positives on real text', () => {
  it('samples a few hundred MB of text', () => {
    const bytes = CORPUS.reduce((n, f) => n + f.content.length, 0);
    process.stdout.write(`false-positive sample: ${CORPUS.length} files, ${(bytes / 1e6).toFixed(0)} MB\n`);
    expect(bytes).toBeGreaterThan(100e6);
    expect(existsSync('/etc/passwd')).toBe(true);
  });

  it('built-in rules and known-safe paths: only real secrets', () => {
    const found = hitsBy(compileRules(SECRET_RULES, { allowlists: BUILTIN_ALLOWLISTS }));
    expect(found).toEqual(expected(TRUE_SECRETS));
  });

  it('the rules alone (no known-safe paths): only real secrets, the extra ones in package fixtures and docs', () => {
    const found = hitsBy(compileRules(SECRET_RULES, { allowlists: BUILTIN_ALLOWLISTS, safePaths: [] }));
    expect(found).toEqual({ ...expected(TRUE_SECRETS), ...expected(SAFE_PATH_SECRETS) });
  });
});
