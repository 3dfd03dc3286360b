/**
 * Dockle's own test tables (pkg/assessor/manifest/manifest_test.go, extracted to
 * ../shared/conformance/dockle-manifest-cases.json) run against drydock's checks. Dockle's helper
 * tables test functions over "command slices" (the words of each `&&`-separated command); here each
 * case's slices are joined back into the history line they came from and go through drydock's real
 * path: history parsing, the tree-sitter shell parser, the check predicate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_CHECKS, runConfigChecks } from '../../../src/checks/config/index.js';
import { parseStep } from '../../../src/checks/config/history.js';
import { isSensitiveVar, findSensitiveVars } from '../../../src/checks/config/sensitive-vars.js';
import { updateAlone } from '../../../src/checks/config/cis-di-0007.js';
import { usesDistUpgrade } from '../../../src/checks/config/dkl-di-0003.js';
import { apkAddCached } from '../../../src/checks/config/dkl-di-0004.js';
import { leavesAptLists } from '../../../src/checks/config/dkl-di-0005.js';
import { describeLayers, parseImageConfig, summarizeConfig } from '../../../src/image/config.js';
import { loadShellParser } from '../../../src/lint/shell/parse.js';
import type { Inventory } from '../../../src/core/inventory.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';

const CONFORMANCE = join(REPO_ROOT, '..', 'shared', 'conformance');

interface SliceCase {
  name: string;
  cmdSlices: Record<string, string[]>;
  expected: boolean;
}
interface Cases {
  TestAssess: Array<{ name: string; imageConfigFile: string; expectedCodes: string[] }>;
  TestReducableApkAdd: SliceCase[];
  TestReducableAptGetUpdate: SliceCase[];
  TestReducableAptGetInstall: SliceCase[];
  TestAddStatement: SliceCase[];
  TestUseDistUpgrade: SliceCase[];
  TestSensitiveVars: Array<{ name: string; cmd: string; expected: boolean }>;
}

const cases = JSON.parse(readFileSync(join(CONFORMANCE, 'dockle-manifest-cases.json'), 'utf8')) as Cases;

/** The history line a case's command slices were split from (Dockle splits on `&&`, then on spaces). */
function lineOf(c: SliceCase): string {
  return Object.keys(c.cmdSlices)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => (c.cmdSlices[k] ?? []).join(' '))
    .join(' && ');
}

const step = (c: SliceCase): ReturnType<typeof parseStep> => parseStep(0, lineOf(c));

beforeAll(async () => {
  await loadShellParser();
});

describe('TestAssess: image configs → the checkpoint codes Dockle emits', () => {
  it.each(cases.TestAssess)('$name ($imageConfigFile)', async (c) => {
    const body = readFileSync(join(CONFORMANCE, 'dockle-testdata', c.imageConfigFile));
    const config = parseImageConfig(body, c.imageConfigFile);
    const summary = summarizeConfig(config);
    const inventory: Inventory = {
      schema: 'drydock.inventory/v1',
      tool: { name: 'drydock', version: 'test' },
      createdAt: '2026-07-01T00:00:00Z',
      source: { kind: 'docker-archive', reference: c.imageConfigFile, layers: describeLayers(config, []), config: summary },
      packages: [],
      unknowns: [],
    };
    // no reference and no filesystem: what Dockle's manifest assessor sees
    const findings = await runConfigChecks({ config: summary, inventory });
    expect(findings.map((f) => f.id).sort()).toEqual([...c.expectedCodes].sort());
  });
});

describe('helper tables, through drydock parsing', () => {
  it.each(cases.TestReducableApkAdd)('TestReducableApkAdd $name', (c) => {
    expect(apkAddCached(step(c))).toBe(c.expected);
  });

  it.each(cases.TestReducableAptGetUpdate)('TestReducableAptGetUpdate $name', (c) => {
    expect(updateAlone(step(c))).toBe(c.expected);
  });

  it.each(cases.TestReducableAptGetInstall)('TestReducableAptGetInstall $name', (c) => {
    expect(leavesAptLists(step(c))).toBe(c.expected);
  });

  it.each(cases.TestUseDistUpgrade)('TestUseDistUpgrade $name', (c) => {
    expect(usesDistUpgrade(step(c))).toBe(c.expected);
  });

  it.each(cases.TestAddStatement)('TestAddStatement $name', (c) => {
    expect(step(c).instruction === 'ADD').toBe(c.expected);
  });

  it.each(cases.TestSensitiveVars)('TestSensitiveVars $name: $cmd', (c) => {
    const found = findSensitiveVars({ history: [{ createdBy: c.cmd, emptyLayer: true }] }, [parseStep(0, c.cmd)]);
    expect(found.length > 0).toBe(c.expected);
  });
});

describe('sensitive-variable rule', () => {
  it('is Dockle\'s name rule (any case, substring), with GPG_KEY/GPG_KEYS accepted', () => {
    for (const name of ['PASS', 'db_password', 'MyPasswd', 'AWS_SECRET_ACCESS_KEY', 'api_key', 'GITHUB_TOKEN', 'ACCESS_ID']) {
      expect(isSensitiveVar(name, 'x7Gh2kLq9'), name).toBe(true);
    }
    for (const name of ['GPG_KEY', 'GPG_KEYS', 'PATH', 'HOME', 'LANG']) expect(isSensitiveVar(name, 'x7Gh2kLq9'), name).toBe(false);
  });

  it("leaves out what is not a stored secret (drydock's refinements)", () => {
    expect(isSensitiveVar('DB_PASSWORD', '$DB_PASSWORD_FROM_VAULT')).toBe(false);
    expect(isSensitiveVar('DB_PASSWORD', '${PW}')).toBe(false);
    expect(isSensitiveVar('POSTGRES_PASSWORD_FILE', '/run/secrets/pg')).toBe(false);
    expect(isSensitiveVar('SSL_KEY_PATH', '/etc/ssl/private/key.pem')).toBe(false);
    expect(isSensitiveVar('NGINX_GPGKEY', '573BFD6B3D8FBC641079A6ABABF5BD827BD9BF62')).toBe(false);
    expect(isSensitiveVar('GPG_PASSPHRASE', 'hunter2hunter2')).toBe(true);
    expect(isSensitiveVar('ENABLE_ACCESS_LOG', 'true')).toBe(false);
    expect(isSensitiveVar('APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE', '1')).toBe(false);
    // a value with an expansion in it is still a value (only a bare reference is not)
    expect(isSensitiveVar('DB_PASSWORD', 'prefix-$X')).toBe(true);
  });

  it('every check in the list has a unique id', () => {
    const ids = CONFIG_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
