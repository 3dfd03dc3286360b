/**
 * Flavours the shared fixtures lack, on images buildah builds here (images/*.Containerfile): apps on
 * bases that emulate the official python:3.12 (full, buildpack-deps), python:3.12-slim and
 * eclipse-temurin:11 images (their package sets and the configuration their Dockerfiles set; the
 * runtimes themselves are not installed), and a static Go program on scratch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import { assessBase, identifyBase } from '../../../src/checks/base-image/index.js';
import { AppError } from '../../../src/core/errors.js';
import { inventoryOf, tempCache } from '../../helpers/drydock.js';
import { BASE_IMAGE_NAMES, baseImageLayout, ensureBaseImages, type BaseImageName } from './images.js';
import { installedInLayer } from './oracles.js';

const TODAY = new Date('2026-11-27T12:00:00Z');
const inventories = new Map<BaseImageName, Inventory>();
const cache = tempCache();

beforeAll(async () => {
  await ensureBaseImages();
  for (const name of BASE_IMAGE_NAMES) inventories.set(name, await inventoryOf(`oci:${baseImageLayout(name)}`, { cacheDir: cache.dir, now: TODAY }));
});
afterAll(() => cache.cleanup());

const inv = (name: BaseImageName): Inventory => {
  const found = inventories.get(name);
  if (!found) throw new Error(`no inventory for ${name}`);
  return found;
};

describe('an app on python:3.12 (full: buildpack-deps)', () => {
  it('is a buildpack-deps Debian with the python 3.12 runtime of the official image, full variant', () => {
    const info = identifyBase(inv('python-full'));
    expect(info.flavour).toBe('debian-buildpack');
    expect(info.flavourEvidence.join(' ')).toMatch(/gcc.*make.*libc6-dev/);
    expect(info.runtimes).toEqual([
      { name: 'python', version: '3.12.7', cycle: '3.12', source: 'env', image: 'python', variant: 'full', evidence: ['ENV PYTHON_VERSION=3.12.7'] },
    ]);
  });

  it('the base is the two layers before CMD ["python3"]; their packages are the base, the app layer adds none', () => {
    const info = identifyBase(inv('python-full'));
    const afterApt = installedInLayer(baseImageLayout('python-full'), 1); // the buildpack layer's own dpkg database
    expect(info.baseLayers).toBe(2);
    expect(info.packages).toEqual({ total: afterApt.size, os: afterApt.size, fromBase: afterApt.size, added: 0 });
    expect(afterApt.size).toBeGreaterThan(88 + 50);
  });

  it('advice: python:3.12-slim (~100), distroless python3, Chainguard python, with the package count now', () => {
    const report = assessBase(inv('python-full'), { now: TODAY });
    const n = installedInLayer(baseImageLayout('python-full'), 1).size;
    expect(report.suggestions.map((s) => [s.id, s.kind, s.image, s.approxPackages])).toEqual([
      ['python-full', 'smaller', 'python:3.12-slim', 100],
      ['python-full', 'smaller', 'gcr.io/distroless/python3-debian12', 33],
      ['python-full', 'smaller', 'cgr.dev/chainguard/python', undefined],
    ]);
    const [slim] = report.suggestions;
    expect(slim?.reason).toBe(
      `python:3.12 (full: buildpack-deps with compilers and -dev packages): ${n} OS packages now; python:3.12-slim has ~100 (approximate, 2026-11-27, apt-get --simulate of the Dockerfile package list on Debian 12)`,
    );
    expect(slim?.asOf).toBe('2026-11-27');
    expect(report.eol.runtimes).toEqual([expect.objectContaining({ product: 'python', cycle: '3.12', date: '2028-10-31', eol: false })]);
  });

  it('typosquat of the reference the user scanned: pyhton:3.12 → python; the real name passes', () => {
    const squat = assessBase(inv('python-full'), { now: TODAY, reference: 'pyhton:3.12' }).typosquats;
    expect(squat).toEqual([expect.objectContaining({ of: 'reference', likely: 'python', reason: 'typo', distance: 1 })]);
    expect(assessBase(inv('python-full'), { now: TODAY, reference: 'docker.io/library/python:3.12' }).typosquats).toEqual([]);
    expect(() => assessBase(inv('python-full'), { now: TODAY, reference: 'Not A Reference' })).toThrow(AppError);
  });

  it('after Python 3.12 ends (2028-10-31): a move to the newest supported line, keeping the variant', () => {
    const report = assessBase(inv('python-full'), { now: new Date('2028-11-01T00:00:00Z') });
    const move = report.suggestions.find((s) => s.id === 'python-eol');
    expect(move?.kind).toBe('supported');
    expect(move?.reason).toMatch(/^Python 3\.12 reached end of life on 2028-10-31: move to python:3\.1[3-9] \(supported until/);
  });
});

describe('an app on python:3.12-slim whose labels declare a look-alike base', () => {
  it('is the slim variant on the debian package set', () => {
    const info = identifyBase(inv('python-slim'));
    expect(info.flavour).toBe('debian');
    expect(info.runtimes[0]).toMatchObject({ name: 'python', cycle: '3.12', variant: 'slim' });
    expect(info.declaredBase).toEqual({ name: 'docker.io/library/pyhton:3.12-slim' });
    expect(info.packages.fromBase).toBe(installedInLayer(baseImageLayout('python-slim'), 0).size);
  });

  it('flags the declared base as a typosquat and advises distroless/Chainguard python', () => {
    const report = assessBase(inv('python-slim'), { now: TODAY });
    expect(report.typosquats).toEqual([expect.objectContaining({ of: 'declared-base', likely: 'python', suspect: 'library/pyhton' })]);
    expect(report.suggestions.map((s) => s.image)).toEqual(['gcr.io/distroless/python3-debian12', 'cgr.dev/chainguard/python']);
    expect(report.suggestions[0]?.caveat).toContain("Debian's python3");
  });
});

describe('an app on eclipse-temurin:11', () => {
  it('is Java 11 from Temurin (JAVA_VERSION=jdk-11.0.25+9): supported until 2027-10-31', () => {
    const report = assessBase(inv('temurin'), { now: TODAY });
    expect(report.info.runtimes).toEqual([expect.objectContaining({ name: 'java', version: '11.0.25+9', cycle: '11', image: 'eclipse-temurin', source: 'env' })]);
    expect(report.eol.runtimes).toEqual([expect.objectContaining({ product: 'eclipse-temurin', cycle: '11', date: '2027-10-31', eol: false })]);
    expect(report.suggestions.map((s) => s.image)).toEqual(['eclipse-temurin:11-jre', 'gcr.io/distroless/java11-debian12', 'cgr.dev/chainguard/jre']);
  });

  it('after 2027-10-31: EOL, and a move to an LTS line', () => {
    const report = assessBase(inv('temurin'), { now: new Date('2027-11-01T00:00:00Z') });
    expect(report.eol.runtimes[0]?.eol).toBe(true);
    expect(report.suggestions[0]?.reason).toMatch(/^Eclipse Temurin \(Java\) 11 reached end of life on 2027-10-31: move to eclipse-temurin:(21|25) /);
  });
});

describe('a static Go program on scratch', () => {
  it('is scratch: no OS, no shell, no package manager, nothing to advise', () => {
    const report = assessBase(inv('static'), { now: TODAY });
    expect(report.info.flavour).toBe('scratch');
    expect(report.info.distro).toBeUndefined();
    expect(report.info.packages.os).toBe(0);
    expect(report.info.packages.total).toBeGreaterThan(0); // the Go module and stdlib of /hello
    expect(report.surface.shell.present).toBe(false);
    expect(report.surface.packageManager.present).toBe(false);
    expect(report.eol.os).toBeUndefined();
    expect(report.suggestions).toEqual([]);
  });
});
