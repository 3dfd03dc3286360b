import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/core/errors.js';
import { parseVex } from '../../../src/report/filters/index.js';

function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isAppError(err) && err.code === 'INPUT') return err.message;
    throw err;
  }
  throw new Error('expected an INPUT error');
}

/** The example document of the OpenVEX specification v0.2.0 ("Example" section), re-typed. */
const SPRING = {
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://openvex.dev/docs/public/vex-2e67563e128250cbcb3e98930df948dd053e43271d70dc50cfa22d57e03fe96f',
  author: 'Spring Builds <spring-builds@users.noreply.github.com>',
  role: 'Project Release Bot',
  timestamp: '2023-01-16T19:07:16.853479631-06:00',
  version: 1,
  statements: [
    {
      vulnerability: { '@id': 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228', name: 'CVE-2021-44228', description: 'Remote code injection in Log4j', aliases: ['GHSA-jfh8-c2jp-5v3q'] },
      products: [
        {
          '@id': 'pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3',
          identifiers: { purl: 'pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3' },
          hashes: { 'sha-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
        },
      ],
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impact_statement: 'Spring Boot users are only affected by this vulnerability if they have switched the default logging system to Log4J2.',
    },
  ],
};

describe('OpenVEX', () => {
  it('reads the specification example', () => {
    const doc = parseVex(JSON.stringify(SPRING), 'spring.openvex.json');
    expect(doc.format).toBe('openvex');
    expect(doc.warnings).toEqual([]);
    const st = doc.statements[0];
    expect(st?.vulnerabilities).toEqual(['CVE-2021-44228', 'GHSA-JFH8-C2JP-5V3Q']);
    expect(st?.status).toBe('not_affected');
    expect(st?.justification).toBe('vulnerable_code_not_in_execute_path');
    expect(st?.products[0]?.purls[0]).toMatchObject({ type: 'maven', namespace: 'org.springframework.boot', name: 'spring-boot', version: '2.6.0-M3' });
    expect(st?.products[0]?.sha256).toEqual(['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']);
    expect(st?.timestamp).toBe(Date.parse('2023-01-16T19:07:16.853-06:00'));
  });

  it('reads the older v0.0.x shape (string vulnerability and products, statement-level subcomponents)', () => {
    const old = {
      '@context': 'https://openvex.dev/ns',
      '@id': 'https://openvex.dev/docs/example/vex-9fb3463de1b57',
      author: 'Wolfi J Inkinson',
      timestamp: '2023-01-08T18:02:03-06:00',
      version: '1',
      statements: [{ vulnerability: 'CVE-2023-12345', products: ['pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64'], subcomponents: ['pkg:apk/wolfi/curl'], status: 'fixed' }],
    };
    const st = parseVex(JSON.stringify(old), 'old.json').statements[0];
    expect(st?.vulnerabilities).toEqual(['CVE-2023-12345']);
    expect(st?.products[0]?.purls[0]?.name).toBe('git');
    expect(st?.products[0]?.subcomponents[0]?.purls[0]?.name).toBe('curl');
  });

  it('unwraps an in-toto attestation whose predicate is OpenVEX', () => {
    const att = { _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://openvex.dev/ns/v0.2.0', subject: [], predicate: SPRING };
    expect(parseVex(JSON.stringify(att), 'att.json').statements).toHaveLength(1);
  });

  it('skips unusable statements with a warning naming the file and statement (they never suppress)', () => {
    const doc = {
      ...SPRING,
      statements: [
        { vulnerability: { name: 'CVE-1' }, products: [{ '@id': 'pkg:npm/a' }], status: 'not_affected' }, // no justification
        { vulnerability: {}, products: [{ '@id': 'pkg:npm/a' }], status: 'fixed' },
        { vulnerability: { name: 'CVE-3' }, products: [{ '@id': 'pkg:npm/a' }], status: 'mitigated' },
        { vulnerability: { name: 'CVE-4' }, products: [], status: 'fixed' },
        { vulnerability: { name: 'CVE-5' }, products: [{ '@id': 'pkg:npm/a' }], status: 'fixed', timestamp: 'yesterday' },
        'not an object',
        { vulnerability: { name: 'CVE-7' }, products: [{ '@id': 'pkg:npm/a' }], status: 'fixed' },
      ],
    };
    const parsed = parseVex(JSON.stringify(doc), 'v.json');
    expect(parsed.statements.map((s) => s.vulnerabilities[0])).toEqual(['CVE-7']);
    expect(parsed.warnings).toEqual([
      'v.json: statement 1 skipped: not_affected without a justification or impact_statement (required by the OpenVEX spec)',
      'v.json: statement 2 skipped: no vulnerability name',
      'v.json: statement 3 skipped: unknown status "mitigated"',
      'v.json: statement 4 skipped: no product identified by a purl, digest or hash',
      'v.json: statement 5 skipped: timestamp is not a valid date',
      'v.json: statement 6 skipped: not an object',
    ]);
  });
});

describe('CycloneDX VEX', () => {
  /** The shape of Trivy's CycloneDX VEX example (docs "Local VEX Files"), with a BOM-Link ref. */
  const cdx = {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { timestamp: '2024-05-01T10:00:00Z' },
    components: [{ 'bom-ref': 'comp-1', type: 'library', name: 'idna', purl: 'pkg:pypi/idna@3.3' }],
    vulnerabilities: [
      {
        id: 'CVE-2020-8911',
        analysis: { state: 'not_affected', justification: 'code_not_reachable', response: ['will_not_fix', 'update'], detail: 'not used' },
        affects: [{ ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:golang/github.com/aws/aws-sdk-go@v1.44.245' }],
      },
      { id: 'CVE-2024-3651', references: [{ id: 'GHSA-jjg7-2v4v-x38h', source: { name: 'GitHub' } }], analysis: { state: 'resolved', lastUpdated: '2024-06-01T00:00:00Z' }, affects: [{ ref: 'comp-1' }] },
      { id: 'CVE-3', analysis: { state: 'in_triage' }, affects: [{ ref: 'x', versions: [{ range: 'vers:pypi/<2' }] }] },
      { id: 'CVE-4', affects: [{ ref: 'x' }] },
      { id: 'CVE-5', analysis: { state: 'bogus' }, affects: [{ ref: 'x' }] },
    ],
  };

  it('reads states, references as aliases, refs (purl, BOM-Link, component bom-ref) and warns about the rest', () => {
    const doc = parseVex(JSON.stringify(cdx), 'vex.cdx.json');
    expect(doc.format).toBe('cyclonedx');
    const [a, b, c] = doc.statements;
    expect(a?.status).toBe('not_affected');
    expect(a?.justification).toBe('code_not_reachable');
    expect(a?.detail).toBe('not used');
    expect(a?.products[0]?.purls[0]?.name).toBe('aws-sdk-go');
    expect(a?.timestamp).toBe(Date.parse('2024-05-01T10:00:00Z'));
    expect(b?.vulnerabilities).toEqual(['CVE-2024-3651', 'GHSA-JJG7-2V4V-X38H']);
    expect(b?.status).toBe('fixed');
    expect(b?.statusText).toBe('resolved');
    expect(b?.products[0]?.purls[0]).toMatchObject({ type: 'pypi', name: 'idna', version: '3.3' });
    expect(b?.timestamp).toBe(Date.parse('2024-06-01T00:00:00Z'));
    expect(c?.status).toBe('under_investigation');
    expect(doc.statements).toHaveLength(3);
    expect(doc.warnings).toEqual([
      'vex.cdx.json: vulnerabilities[2]: version ranges in affects[].versions are not evaluated; only exact versions are',
      'vex.cdx.json: vulnerabilities[3] skipped: no analysis.state',
      'vex.cdx.json: vulnerabilities[4] skipped: unknown analysis.state "bogus"',
    ]);
  });
});

describe('bad VEX input', () => {
  it.each([
    ['{not json', /^bad\.json: not valid JSON/],
    ['[1,2]', /^bad\.json: a VEX document must be a JSON object/],
    ['{"statements": []}', /^bad\.json: not an OpenVEX document/],
    ['{"@context": "https://example.com", "statements": []}', /^bad\.json: not an OpenVEX document/],
  ])('%s is an INPUT error naming the file', (text, re) => {
    expect(inputError(() => parseVex(text, 'bad.json'))).toMatch(re);
  });
});
