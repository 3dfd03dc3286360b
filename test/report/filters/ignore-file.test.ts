import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/core/errors.js';
import { parseIgnoreFile } from '../../../src/report/filters/index.js';

function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isAppError(err) && err.code === 'INPUT') return err.message;
    throw err;
  }
  throw new Error('expected an INPUT error');
}

describe('.drydockignore / .trivyignore line format', () => {
  // The example of Trivy's own test data (pkg/result/testdata/.trivyignore), re-typed.
  const text = [
    '# vulnerabilities',
    'CVE-2019-0001',
    'CVE-2019-0002',
    'CVE-2019-0004 exp:2020-01-01',
    'CVE-2019-0005 exp:9999-01-01',
    'CVE-2019-0006 exp:9999-01-01 key2:value2',
    '',
    '# misconfigurations',
    'AVD-ID-0300',
  ].join('\n');

  it('reads one id per line with optional expiry; comments and blank lines are skipped', () => {
    const f = parseIgnoreFile(text, '.drydockignore');
    expect(f.format).toBe('ignore-list');
    expect(f.rules.map((r) => [r.id, r.expires?.text, r.where])).toEqual([
      ['CVE-2019-0001', undefined, '.drydockignore:2'],
      ['CVE-2019-0002', undefined, '.drydockignore:3'],
      ['CVE-2019-0004', '2020-01-01', '.drydockignore:4'],
      ['CVE-2019-0005', '9999-01-01', '.drydockignore:5'],
      ['CVE-2019-0006', '9999-01-01', '.drydockignore:6'],
      ['AVD-ID-0300', undefined, '.drydockignore:9'],
    ]);
    expect(f.rules[2]?.expires?.at).toBe(Date.UTC(2020, 0, 1));
  });

  it('accepts CRLF line ends, a BOM and indentation', () => {
    const f = parseIgnoreFile('\uFEFF  CVE-1\r\n\t# c\r\nCVE-2 exp:2030-02-28\r\n', '.trivyignore');
    expect(f.rules.map((r) => r.id)).toEqual(['CVE-1', 'CVE-2']);
  });

  it.each(['exp:2024-13-01', 'exp:2024-02-30', 'exp:tomorrow', 'exp:'])('rejects a bad expiry (%s) naming file and line', (exp) => {
    expect(inputError(() => parseIgnoreFile(`CVE-1\nCVE-2 ${exp}\n`, 'ci/.drydockignore'))).toMatch(/^ci\/\.drydockignore:2: expiry date/);
  });
});

describe('.trivyignore.yaml', () => {
  // Trivy's pkg/result/testdata/.trivyignore.yaml (vulnerabilities part), re-typed.
  const yaml = `vulnerabilities:
  - id: CVE-2019-0001
    paths:
      - "**/*-lock.json"
  - id: CVE-2019-0002
    paths:
      - "bar/package.json"
  - id: CVE-2019-0003
  - id: CVE-2019-0005
    expired_at: 2023-01-01
  - id: CVE-2019-0007
    purls:
      - "pkg:golang/github.com/aquasecurity/aaa@9.9.9"
      - "pkg:golang/github.com/aquasecurity/bar"
    statement: Accept the risk
misconfigurations:
  - id: ID100
secrets:
licenses:
`;

  it('reads ids, paths, purls, expiry and statement with their line numbers', () => {
    const f = parseIgnoreFile(yaml, '.trivyignore.yaml');
    expect(f.format).toBe('ignore-yaml');
    expect(f.warnings).toEqual([]);
    expect(f.rules.map((r) => [r.id, r.paths, r.purls.length, r.expires?.text, r.statement, r.where])).toEqual([
      ['CVE-2019-0001', ['**/*-lock.json'], 0, undefined, undefined, '.trivyignore.yaml:2'],
      ['CVE-2019-0002', ['bar/package.json'], 0, undefined, undefined, '.trivyignore.yaml:5'],
      ['CVE-2019-0003', [], 0, undefined, undefined, '.trivyignore.yaml:8'],
      ['CVE-2019-0005', [], 0, '2023-01-01', undefined, '.trivyignore.yaml:9'],
      ['CVE-2019-0007', [], 2, undefined, 'Accept the risk', '.trivyignore.yaml:11'],
      ['ID100', [], 0, undefined, undefined, '.trivyignore.yaml:17'],
    ]);
    // each section's entries apply to their own kind of finding only
    expect(f.rules.map((r) => r.scope)).toEqual(['vulnerability', 'vulnerability', 'vulnerability', 'vulnerability', 'vulnerability', 'misconfiguration']);
  });

  it('reads the secrets and misconfigurations sections (rule ids, file paths; check ids)', () => {
    const f = parseIgnoreFile('secrets:\n  - id: aws-access-token\n    paths: ["opt/app/**"]\n    statement: test keys\nmisconfigurations:\n  - id: CIS-DI-0001\n    expired_at: 2030-01-01\n', 's.yaml');
    expect(f.rules.map((r) => [r.scope, r.id, r.paths, r.statement, r.expires?.text, r.where])).toEqual([
      ['secret', 'aws-access-token', ['opt/app/**'], 'test keys', undefined, 's.yaml:2'],
      ['misconfiguration', 'CIS-DI-0001', [], undefined, '2030-01-01', 's.yaml:6'],
    ]);
    expect(inputError(() => parseIgnoreFile('secrets:\n  - aws-access-token\n', 'bad.yaml'))).toMatch(/^bad\.yaml:2: each secrets entry must be a mapping/);
    expect(inputError(() => parseIgnoreFile('misconfigurations: CIS-DI-0001\n', 'bad.yaml'))).toMatch(/^bad\.yaml:1: "misconfigurations" must be a list/);
  });

  it('allows entries without id when paths or purls select packages (newer Trivy)', () => {
    const f = parseIgnoreFile('vulnerabilities:\n  - purls: ["pkg:deb/ubuntu/linux-libc-dev"]\n    statement: headers\n', 'x.yml');
    expect(f.rules[0]?.id).toBeUndefined();
    expect(f.rules[0]?.purlParts[0]?.name).toBe('linux-libc-dev');
  });

  it('an empty file ignores nothing', () => {
    expect(parseIgnoreFile('', 'e.yaml').rules).toEqual([]);
    expect(parseIgnoreFile('# only a comment\n', 'e.yaml').rules).toEqual([]);
    expect(parseIgnoreFile('vulnerabilities:\n', 'e.yaml').rules).toEqual([]);
  });

  it('warns about unknown keys instead of silently ignoring a typo', () => {
    const f = parseIgnoreFile('vulnerabilites:\n  - id: CVE-1\nvulnerabilities:\n  - id: CVE-2\n    statment: typo\n', 'w.yaml');
    expect(f.rules.map((r) => r.id)).toEqual(['CVE-2']);
    expect(f.warnings).toEqual(['w.yaml:1: unknown key "vulnerabilites" ignored', 'w.yaml:5: unknown key "statment" ignored']);
  });

  it.each([
    ['vulnerabilities:\n  - id: [a\n', /^bad\.yaml:3: not valid YAML: Flow sequence/], // the parser reports where the sequence should have ended
    ['- id: CVE-1\n', /^bad\.yaml:1: expected a mapping/],
    ['vulnerabilities: CVE-1\n', /^bad\.yaml:1: "vulnerabilities" must be a list/],
    ['vulnerabilities:\n  - CVE-1\n', /^bad\.yaml:2: each vulnerabilities entry must be a mapping/],
    ['vulnerabilities:\n  - statement: nothing selected\n', /^bad\.yaml:2: an entry needs an "id", "paths" or "purls"/],
    ['vulnerabilities:\n  - id: CVE-1\n    purls: ["not-a-purl"]\n', /^bad\.yaml:2: "not-a-purl" is not a valid package URL/],
    ['vulnerabilities:\n  - id: CVE-1\n    paths: ["a/[b"]\n', /^bad\.yaml:2: invalid path pattern "a\/\[b": unclosed "\["/],
    ['vulnerabilities:\n  - id: CVE-1\n    expired_at: 2024-31-12\n', /^bad\.yaml:2: expiry date "2024-31-12"/],
    ['vulnerabilities:\n  - id: CVE-1\n    paths: a/b\n', /^bad\.yaml:3: "paths" must be a list/],
    ['vulnerabilities:\n  - id: {a: 1}\n', /^bad\.yaml:2: "id" must be a single value/],
    ['vulnerabilities:\n  - id: CVE-1\n  - id: CVE-1\n    id: CVE-2\n', /^bad\.yaml:4: not valid YAML/],
  ])('rejects %j naming the file and line', (text, re) => {
    expect(inputError(() => parseIgnoreFile(text, 'bad.yaml'))).toMatch(re);
  });
});
