import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { writeCheckstyle } from '../../../src/lint/format/checkstyle.js';
import { HOSTILE_MESSAGE, sampleReport } from './data.js';

interface Parsed {
  root: string;
  version: string;
  files: Array<{ name: string; errors: Array<Record<string, string>> }>;
}

/** Parse with Python's XML parser (expat): an independent well-formedness check. */
function parseXml(xml: string): Parsed {
  const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
print(json.dumps({"root": root.tag, "version": root.get("version"),
  "files": [{"name": f.get("name"), "errors": [dict(e.attrib) for e in f.findall("error")]} for f in root.findall("file")]}))
`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: xml, encoding: 'utf8' })) as Parsed;
}

describe('checkstyle', () => {
  const report = sampleReport();
  const parsed = parseXml(writeCheckstyle(report));

  it('is well-formed XML with one <file> per linted file, clean ones included', () => {
    expect(parsed.root).toBe('checkstyle');
    expect(parsed.version).toBe('4.3');
    expect(parsed.files.map((f) => [f.name, f.errors.length])).toEqual([
      ['Dockerfile', 7],
      ['services/api/Dockerfile.prod', 2],
      ['clean/Dockerfile', 0],
    ]);
  });

  it('writes line, column, severity (style as info), message and the code as source', () => {
    const errors = parsed.files.flatMap((f) => f.errors);
    expect(errors[0]).toEqual({ line: '2', column: '1', severity: 'error', message: 'MAINTAINER is deprecated', source: 'DL4000' });
    expect(new Set(errors.map((e) => e.severity))).toEqual(new Set(['error', 'warning', 'info']));
    expect(errors.find((e) => e['source'] === 'DL3048')?.['severity']).toBe('info');
  });

  it('carries hostile text through escaping: what the parser reads back is the message (minus what XML cannot hold)', () => {
    const dd = parsed.files[1]?.errors.find((e) => e['source'] === 'DD001');
    // ESC and U+0001 cannot appear in XML 1.0: they become U+FFFD; the line break survives as &#10;
    // eslint-disable-next-line no-control-regex
    expect(dd?.['message']).toBe(HOSTILE_MESSAGE.replace(/[\u0001\u001b]/g, '\uFFFD'));
  });

  it('keeps odd file names intact', () => {
    const p = parseXml(writeCheckstyle({ files: ['a "b" & <c>.Dockerfile'], findings: [], rules: [] }));
    expect(p.files[0]?.name).toBe('a "b" & <c>.Dockerfile');
  });
});
