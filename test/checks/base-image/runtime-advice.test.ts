/**
 * Runtime detection from the variables official images set (values as their Dockerfiles write
 * them), and the advice catalog's own consistency: every count dated and sourced, every template
 * filled, every entry reachable.
 */
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import { CATALOG, entryIdFor } from '../../../src/checks/base-image/advice-catalog.js';
import { adviseBase } from '../../../src/checks/base-image/advice.js';
import { runtimesOf } from '../../../src/checks/base-image/runtime.js';
import type { BaseImageInfo, RuntimeInfo, Surface } from '../../../src/checks/base-image/types.js';

const withEnv = (...env: string[]): Inventory => ({
  schema: 'drydock.inventory/v1',
  tool: { name: 'drydock', version: 'test' },
  createdAt: '2026-11-27T00:00:00Z',
  source: { kind: 'oci-layout', reference: 'oci:test', layers: [], config: { env } },
  packages: [],
  unknowns: [],
});

describe('runtimes from official images\' environment', () => {
  it.each([
    ['PYTHON_VERSION=3.12.7', 'python', '3.12.7', '3.12', 'python'],
    ['PYTHON_VERSION=3.14.0rc2', 'python', '3.14.0rc2', '3.14', 'python'],
    ['NODE_VERSION=20.18.0', 'node', '20.18.0', '20', 'node'],
    ['GOLANG_VERSION=1.22.5', 'go', '1.22.5', '1.22', 'golang'],
    ['JAVA_VERSION=jdk-21.0.5+11', 'java', '21.0.5+11', '21', 'eclipse-temurin'],
    ['JAVA_VERSION=jdk8u432-b06', 'java', '8u432-b06', '8', 'eclipse-temurin'],
    ['JAVA_VERSION=22-ea+27', 'java', '22-ea+27', '22', 'openjdk'],
    ['JAVA_VERSION=1.8.0_402', 'java', '1.8.0_402', '8', 'openjdk'],
    ['RUBY_VERSION=3.3.5', 'ruby', '3.3.5', '3.3', 'ruby'],
    ['PHP_VERSION=8.3.12', 'php', '8.3.12', '8.3', 'php'],
  ])('%s → %s %s (line %s, image %s)', (env, name, version, cycle, image) => {
    expect(runtimesOf(withEnv('PATH=/usr/local/bin:/usr/bin', env))).toEqual([{ name, version, cycle, source: 'env', image, evidence: [`ENV ${env}`] }]);
  });

  it('values that are not versions give no runtime (never a guessed one)', () => {
    expect(runtimesOf(withEnv('PYTHON_VERSION=latest', 'NODE_VERSION=', 'JAVA_VERSION=openjdk', 'GOLANG_VERSION=go'))).toEqual([]);
    expect(runtimesOf(withEnv('MY_PYTHON_VERSION=3.12.1'))).toEqual([]);
  });
});

describe('advice catalog', () => {
  it('ids are unique; every package count is dated and sourced', () => {
    expect(new Set(CATALOG.map((e) => e.id)).size).toBe(CATALOG.length);
    for (const e of CATALOG) {
      for (const a of e.alternatives) {
        if (a.approxPackages === undefined) continue;
        expect(a.asOf, `${e.id} → ${a.image}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(a.source, `${e.id} → ${a.image}`).toBeTruthy();
      }
    }
  });

  const rt = (name: RuntimeInfo['name'], cycle: string, image: string, variant?: RuntimeInfo['variant']): RuntimeInfo => ({
    name, version: cycle, cycle, source: 'env', image, evidence: [], ...(variant === undefined ? {} : { variant }),
  });
  const situations: Array<[string, string, RuntimeInfo | undefined]> = [
    ['python-full', 'debian-buildpack', rt('python', '3.12', 'python', 'full')],
    ['python-slim', 'debian', rt('python', '3.12', 'python', 'slim')],
    ['node-full', 'debian-buildpack', rt('node', '22', 'node', 'full')],
    ['node-slim', 'debian', rt('node', '22', 'node', 'slim')],
    ['ruby-full', 'debian-buildpack', rt('ruby', '3.3', 'ruby', 'full')],
    ['golang', 'debian-buildpack', rt('go', '1.24', 'golang')],
    ['java-jdk', 'ubuntu', rt('java', '21', 'eclipse-temurin')],
    ['openjdk-deprecated', 'debian', rt('java', '18', 'openjdk')],
    ['debian-buildpack', 'debian-buildpack', undefined],
    ['debian', 'debian', undefined],
    ['ubuntu', 'ubuntu', undefined],
    ['ubi', 'ubi', undefined],
    ['ubi-minimal', 'ubi-minimal', undefined],
  ];

  it('every entry is reachable, and nothing is advised for alpine variants or minimal bases', () => {
    expect(situations.map(([, flavour, r]) => entryIdFor(flavour, r))).toEqual(situations.map(([id]) => id));
    expect(new Set(situations.map(([id]) => id))).toEqual(new Set(CATALOG.map((e) => e.id)));
    expect(entryIdFor('alpine', rt('python', '3.12', 'python', 'alpine'))).toBeUndefined();
    for (const f of ['distroless', 'chainguard', 'wolfi', 'scratch', 'ubi-micro', 'alpine']) expect(entryIdFor(f, undefined)).toBeUndefined();
  });

  it.each(situations)('%s: every template is filled; counts are stated as approximate and dated', (id, flavour, runtime) => {
    const info: BaseImageInfo = {
      flavour: flavour as BaseImageInfo['flavour'],
      flavourEvidence: [],
      runtimes: runtime ? [runtime] : [],
      layerCount: 1,
      packages: { total: 300, os: 300 },
      distro: { family: flavour.startsWith('ubi') ? 'rhel' : flavour === 'ubuntu' ? 'ubuntu' : 'debian', id: 'x', name: 'X', version: flavour.startsWith('ubi') ? '9.4' : '12', codename: 'bookworm' },
    };
    const surface: Surface = {
      packages: { total: 300, os: 300, language: 0 },
      shell: { present: true, names: ['bash'], evidence: [] },
      packageManager: { present: true, names: ['dpkg'], evidence: [] },
      languagePackageManagers: [],
    };
    const advice = adviseBase(info, surface);
    expect(advice.length).toBeGreaterThan(0);
    for (const s of advice) {
      expect(s.id).toBe(id);
      expect(`${s.image} ${s.reason}`).not.toMatch(/\{\w+\}/);
      expect(s.reason).toContain('300 OS packages now');
      if (s.approxPackages !== undefined) expect(s.reason).toContain(`has ~${s.approxPackages} (approximate, ${s.asOf}`);
    }
  });
});
