/**
 * The maintained catalog of smaller or safer bases. Package counts are approximate, dated, and say
 * how they were obtained; an alternative without a count has none rather than a guessed one.
 *
 * Debian-based counts (measured 2026-11-27): debian:bookworm and debian:bookworm-slim install the
 * same 88 packages (rootfs.manifest of both in debuerreotype/docker-debian-artifacts; drydock's
 * debootstrap --variant=minbase bookworm fixture has the same set). The other Debian-based images
 * were measured by `apt-get --simulate install --no-install-recommends` of the package lists in
 * their Dockerfiles (docker-library/buildpack-deps, python, golang; nodejs/docker-node) on top of
 * that set, against the Debian 12 archive: buildpack-deps:bookworm 88+329 = 417, python:3.12
 * (buildpack-deps + its 3 -dev packages) 433, python:3.12-slim (slim + ca-certificates, netbase and
 * the libraries its ldd step keeps) ~100, golang:1.2x-bookworm (buildpack-deps:bookworm-scm + gcc,
 * g++, libc6-dev, make, pkg-config) 207, node:22-bookworm 417 (buildpack-deps; Node.js itself is a
 * tarball), node:22-bookworm-slim ~88-90 (everything apt installed for the build is purged again).
 *
 * Distroless counts are read from GoogleContainerTools/distroless build rules: static = base-files,
 * netbase, tzdata (+ the CA bundle as a tar, media-types in newer releases); base adds libc6 and
 * libssl3; cc adds libgcc-s1, libgomp1, libstdc++6 and gcc-12-base; python3 adds 24 debs over cc
 * (python3/python.bzl); nodejs is cc plus the upstream Node.js tarball.
 */
import type { RuntimeInfo } from './types.js';

export interface Alternative {
  /** The image to use; `{cycle}` is replaced by the runtime's release line, `{major}` by its major. */
  image: string;
  approxPackages?: number;
  /** When the count was taken / read. */
  asOf?: string;
  source?: string;
  caveat?: string;
}

export interface CatalogEntry {
  id: string;
  /** What the image is now, for the reason text: `python:{cycle} (full, buildpack-deps based)`. */
  current: string;
  alternatives: readonly Alternative[];
}

const MEASURED = 'apt-get --simulate of the Dockerfile package list on Debian 12';
const DISTROLESS = 'GoogleContainerTools/distroless build rules';
const DEBIAN_MANIFEST = 'debuerreotype/docker-debian-artifacts rootfs.manifest';
const AS_OF = '2026-11-27';

const distroless = (image: string, approxPackages: number, caveat?: string): Alternative => ({
  image, approxPackages, asOf: AS_OF, source: DISTROLESS, ...(caveat === undefined ? {} : { caveat }),
});
const chainguard = (image: string, caveat?: string): Alternative => ({
  image,
  caveat: `Wolfi-based, rebuilt daily; the free tier serves only the latest version${caveat === undefined ? '' : `; ${caveat}`}`,
});

const DISTROLESS_PYTHON_CAVEAT = "ships Debian's python3 (3.11 on debian12, 3.13 on debian13), not python.org's";
const NO_SHELL = 'no shell and no package manager: copy the application in from a build stage';

export const CATALOG: readonly CatalogEntry[] = [
  {
    id: 'python-full',
    current: 'python:{cycle} (full: buildpack-deps with compilers and -dev packages)',
    alternatives: [
      { image: 'python:{cycle}-slim', approxPackages: 100, asOf: AS_OF, source: MEASURED, caveat: 'build wheels that need a compiler in a separate build stage' },
      distroless('gcr.io/distroless/python3-debian12', 33, DISTROLESS_PYTHON_CAVEAT),
      chainguard('cgr.dev/chainguard/python'),
    ],
  },
  {
    id: 'python-slim',
    current: 'python:{cycle}-slim',
    alternatives: [distroless('gcr.io/distroless/python3-debian12', 33, `${DISTROLESS_PYTHON_CAVEAT}; ${NO_SHELL}`), chainguard('cgr.dev/chainguard/python', NO_SHELL)],
  },
  {
    id: 'node-full',
    current: 'node:{major} (full: buildpack-deps with compilers and -dev packages)',
    alternatives: [
      { image: 'node:{major}-slim', approxPackages: 90, asOf: AS_OF, source: MEASURED, caveat: 'native addons need a build stage with a compiler' },
      distroless('gcr.io/distroless/nodejs{major}-debian12', 9, `published for current LTS lines only; ${NO_SHELL}`),
      chainguard('cgr.dev/chainguard/node'),
    ],
  },
  {
    id: 'node-slim',
    current: 'node:{major}-slim',
    alternatives: [distroless('gcr.io/distroless/nodejs{major}-debian12', 9, `published for current LTS lines only; ${NO_SHELL}`), chainguard('cgr.dev/chainguard/node', NO_SHELL)],
  },
  {
    id: 'ruby-full',
    current: 'ruby:{cycle} (full: buildpack-deps with compilers and -dev packages)',
    alternatives: [{ image: 'ruby:{cycle}-slim', caveat: 'no package count in the catalog; gems with native extensions need a build stage' }],
  },
  {
    id: 'golang',
    current: 'golang:{cycle} (a build toolchain: buildpack-deps scm, gcc, the Go distribution)',
    alternatives: [
      distroless('gcr.io/distroless/static-debian12', 4, 'for binaries built with CGO_ENABLED=0; build in golang, ship only the binary'),
      distroless('gcr.io/distroless/base-debian12', 6, 'for cgo binaries that need glibc/libssl'),
      chainguard('cgr.dev/chainguard/static', 'for CGO_ENABLED=0 binaries'),
    ],
  },
  {
    id: 'java-jdk',
    current: '{image}:{cycle}',
    alternatives: [
      { image: 'eclipse-temurin:{cycle}-jre', caveat: 'if this image is the JDK variant: a runtime needs no compiler' },
      { image: 'gcr.io/distroless/java{cycle}-debian12', caveat: `published for some LTS lines only; ${NO_SHELL}` },
      chainguard('cgr.dev/chainguard/jre'),
    ],
  },
  {
    id: 'openjdk-deprecated',
    current: 'openjdk:{cycle} (the openjdk image is deprecated and receives no updates for GA releases)',
    alternatives: [{ image: 'eclipse-temurin:{cycle}-jre', caveat: 'or another vendor build (amazoncorretto, ibm-semeru-runtimes, sapmachine)' }],
  },
  {
    id: 'debian-buildpack',
    current: 'a buildpack-deps style Debian (compilers, -dev packages, VCS tools in the base)',
    alternatives: [{ image: 'debian:{codename}-slim', approxPackages: 88, asOf: AS_OF, source: DEBIAN_MANIFEST, caveat: 'build in one stage, run in a slim one' }],
  },
  {
    id: 'debian',
    current: 'debian:{codename}',
    alternatives: [
      distroless('gcr.io/distroless/static-debian12', 4, `for static binaries; ${NO_SHELL}`),
      distroless('gcr.io/distroless/cc-debian12', 9, `for glibc/libstdc++ programs; ${NO_SHELL}`),
    ],
  },
  {
    id: 'ubuntu',
    current: 'ubuntu:{version}',
    alternatives: [{ image: 'chiselled Ubuntu (ubuntu/* *_chiselled images, or cut your own with chisel)', caveat: 'no package count in the catalog' }],
  },
  {
    id: 'ubi',
    current: 'ubi{major} (standard: dnf and the full userland)',
    alternatives: [
      { image: 'registry.access.redhat.com/ubi{major}/ubi-minimal', caveat: 'microdnf instead of dnf' },
      { image: 'registry.access.redhat.com/ubi{major}/ubi-micro', caveat: NO_SHELL },
    ],
  },
  {
    id: 'ubi-minimal',
    current: 'ubi{major}-minimal',
    alternatives: [{ image: 'registry.access.redhat.com/ubi{major}/ubi-micro', caveat: `install packages with dnf --installroot in a build stage; ${NO_SHELL}` }],
  },
];

/** The catalog entry for an image, from its runtime first, then its flavour. */
export function entryIdFor(flavour: string, runtime: RuntimeInfo | undefined): string | undefined {
  if (runtime?.source === 'env') {
    if (runtime.name === 'go') return 'golang';
    if (runtime.name === 'java') return runtime.image === 'openjdk' ? 'openjdk-deprecated' : 'java-jdk';
    if (runtime.variant === 'full' || runtime.variant === 'slim') {
      const id = `${runtime.name}-${runtime.variant}`;
      if (CATALOG.some((e) => e.id === id)) return id;
    }
    if (runtime.variant === 'alpine') return undefined;
  }
  return ['debian-buildpack', 'debian', 'ubuntu', 'ubi', 'ubi-minimal'].includes(flavour) ? flavour : undefined;
}
