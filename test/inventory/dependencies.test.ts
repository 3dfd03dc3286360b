import { describe, expect, it } from 'vitest';
import { linkDependencies } from '../../src/inventory/dependencies.js';
import type { Package } from '../../src/core/package.js';

function pkg(name: string, version: string, arch: string, location = '/var/lib/dpkg/status', foundBy = 'dpkg'): Package {
  return { id: `${name}:${arch}@${version}${location}`, type: 'deb', name, version, arch, licenses: [], purl: `pkg:deb/${name}`, foundBy, location };
}

describe('dependency linking', () => {
  it('multi-arch: a bare name prefers the same arch, then arch-independent, then any', () => {
    const pkgs = [pkg('libc6', '2.36', 'amd64'), pkg('libc6', '2.36', 'i386'), pkg('libgcc-s1', '12', 'i386'), pkg('tzdata', '1', 'all'), pkg('foo', '1', 'i386')];
    linkDependencies(pkgs, [[], [], ['libc6'], [], ['tzdata', 'libc6:amd64', 'missing']]);
    expect(pkgs[2]?.dependsOn).toEqual([pkgs[1]?.id]);
    expect(pkgs[4]?.dependsOn).toEqual([pkgs[0]?.id, pkgs[3]?.id].sort());
  });

  it('exact name@version wins, and links never cross analyzers', () => {
    const a1 = pkg('lodash', '4.17.20', '', '/app/package-lock.json', 'npm');
    const a2 = pkg('lodash', '4.17.21', '', '/app/package-lock.json', 'npm');
    const other = pkg('lodash', '4.17.21', '', '/srv/package-lock.json', 'yarn');
    const user = pkg('app', '1.0.0', '', '/app/package-lock.json', 'npm');
    const pkgs = [a1, a2, other, user];
    linkDependencies(pkgs, [[], [], [], ['lodash@4.17.20']]);
    expect(user.dependsOn).toEqual([a1.id]);
  });

  it('an exact reference prefers the package in the same file (two lock files pin the same version)', () => {
    const devLock = pkg('jinja2', '3.1.5', '', '/app/requirements-dev.txt', 'python-lock');
    const lock = pkg('jinja2', '3.1.5', '', '/app/poetry.lock', 'python-lock');
    const flask = pkg('flask', '3.0.0', '', '/app/poetry.lock', 'python-lock');
    const pkgs = [devLock, lock, flask];
    linkDependencies(pkgs, [[], [], ['jinja2@3.1.5']]);
    expect(flask.dependsOn).toEqual([lock.id]);
  });

  it('a bare name prefers the package in the same environment (most shared directories)', () => {
    const base = pkg('openssl', '1.1.1k', '', '/opt/conda/conda-meta/openssl-1.1.1k.json', 'conda-meta');
    const env = pkg('openssl', '3.0.9', '', '/opt/conda/envs/py311/conda-meta/openssl-3.0.9.json', 'conda-meta');
    const py = pkg('python', '3.9.7', '', '/opt/conda/conda-meta/python-3.9.7.json', 'conda-meta');
    const py311 = pkg('python', '3.11.4', '', '/opt/conda/envs/py311/conda-meta/python-3.11.4.json', 'conda-meta');
    const pkgs = [env, base, py, py311];
    linkDependencies(pkgs, [[], [], ['openssl'], ['openssl']]);
    expect(py.dependsOn).toEqual([base.id]);
    expect(py311.dependsOn).toEqual([env.id]);
  });
});
