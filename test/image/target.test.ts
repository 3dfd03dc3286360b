import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTarget } from '../../src/image/target.js';
import { parseReference, formatReference } from '../../src/image/reference.js';
import { AppError } from '../../src/core/errors.js';

const D = `sha256:${'ab'.repeat(32)}`;

describe('image references (Docker normalisation)', () => {
  it.each([
    ['alpine', 'docker.io/library/alpine:latest'],
    ['alpine:3.20', 'docker.io/library/alpine:3.20'],
    ['index.docker.io/library/alpine:3', 'docker.io/library/alpine:3'],
    ['team/app', 'docker.io/team/app:latest'],
    ['localhost:5000/team/app@' + D, `localhost:5000/team/app@${D}`],
    ['localhost/app:1', 'localhost/app:1'],
    ['ghcr.io/org/sub/app:v1.2.3@' + D, `ghcr.io/org/sub/app:v1.2.3@${D}`],
    ['127.0.0.1:5000/x', '127.0.0.1:5000/x:latest'],
    ['[::1]:5000/x:y', '[::1]:5000/x:y'],
  ])('%s → %s', (input, normal) => {
    expect(formatReference(parseReference(input))).toBe(normal);
  });

  it.each(['', 'UPPER/case', 'a//b', 'app:', 'app@sha256:short', 'app:bad tag', '-leading', 'localhost:99999/app'])('rejects %j', (input) => {
    expect(() => parseReference(input)).toThrow(AppError);
  });
});

describe('target syntax', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-target-'));
  mkdirSync(join(dir, 'layout'));
  writeFileSync(join(dir, 'layout', 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  mkdirSync(join(dir, 'rootfs'));
  writeFileSync(join(dir, 'img.tar'), '');

  it('transports with selectors', () => {
    expect(parseTarget('docker-archive:/x/y.tar')).toEqual({ kind: 'docker-archive', input: 'docker-archive:/x/y.tar', path: '/x/y.tar' });
    expect(parseTarget('docker-archive:/x/y.tar:team/app:1')).toMatchObject({ kind: 'docker-archive', path: '/x/y.tar', selector: 'team/app:1' });
    expect(parseTarget('docker-archive:y.tar:@2')).toMatchObject({ path: 'y.tar', selector: '@2' });
    expect(parseTarget('oci-archive:a.tar:v1')).toMatchObject({ kind: 'oci-archive', path: 'a.tar', selector: 'v1' });
    expect(parseTarget('oci:/l:latest')).toMatchObject({ kind: 'oci-layout', path: '/l', selector: 'latest' });
    expect(parseTarget(`oci:/l@${D}`)).toMatchObject({ kind: 'oci-layout', path: '/l', selector: D });
    expect(parseTarget('dir:/')).toMatchObject({ kind: 'dir', path: '/' });
    expect(parseTarget('sbom:x.json')).toMatchObject({ kind: 'sbom', path: 'x.json' });
    expect(parseTarget('registry:alpine')).toMatchObject({ kind: 'registry', ref: { registry: 'docker.io', repository: 'library/alpine', tag: 'latest' } });
    expect(parseTarget('docker://alpine:3')).toMatchObject({ kind: 'registry', ref: { tag: '3' } });
  });

  it('bare paths are sniffed; anything else must be a reference', () => {
    expect(parseTarget(join(dir, 'layout')).kind).toBe('oci-layout');
    expect(parseTarget(join(dir, 'rootfs')).kind).toBe('dir');
    expect(parseTarget(join(dir, 'img.tar')).kind).toBe('file');
    expect(parseTarget('alpine:3.20').kind).toBe('registry');
    expect(() => parseTarget('./missing.tar')).toThrow(/no such file or directory/);
    expect(() => parseTarget('Not valid')).toThrow(/neither an existing path nor a valid image reference/);
    expect(() => parseTarget('oci:')).toThrow(/needs a path/);
    expect(() => parseTarget('oci:/l@sha256:zz')).toThrow(AppError);
    rmSync(dir, { recursive: true, force: true });
  });
});
