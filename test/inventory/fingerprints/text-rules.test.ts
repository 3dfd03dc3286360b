import { describe, expect, it } from 'vitest';
import { goVersionFinding } from '../../../src/inventory/fingerprints/go-version.js';
import { javaReleaseFinding, parseReleaseFile } from '../../../src/inventory/fingerprints/java-release.js';

/** Debian's openjdk-17-jre-headless 17.0.21.1+2-1~deb12u1 (MODULES shortened). */
const DEBIAN_17 = `IMPLEMENTOR="Debian"
JAVA_RUNTIME_VERSION="17.0.21.1+2-1-deb12u1-Debian"
JAVA_VERSION="17.0.21.1"
JAVA_VERSION_DATE="2026-11-17"
LIBC="gnu"
MODULES="java.base java.compiler java.datatransfer"
OS_ARCH="x86_64"
OS_NAME="Linux"
SOURCE=""
`;

/** Eclipse Temurin 25.0.3+9 (some lines left out). */
const TEMURIN_25 = `IMPLEMENTOR="Eclipse Adoptium"
IMPLEMENTOR_VERSION="Temurin-25.0.3+9"
JAVA_RUNTIME_VERSION="25.0.3+9-LTS"
JAVA_VERSION="25.0.3"
JAVA_VERSION_DATE="2026-04-21"
SOURCE=".:git:cda0a1776184"
FULL_VERSION="25.0.3+9-LTS"
JVM_VARIANT="Hotspot"
IMAGE_TYPE="JDK"
`;

describe('a JDK/JRE release file', () => {
  it("reads Debian's OpenJDK", () => {
    expect(javaReleaseFinding(DEBIAN_17)).toEqual({
      product: { name: 'openjdk', cpeVendor: 'oracle', cpeProduct: 'openjdk' },
      version: '17.0.21.1',
      evidence: 'JAVA_VERSION="17.0.21.1"',
      metadata: { implementor: 'Debian', runtimeVersion: '17.0.21.1+2-1-deb12u1-Debian' },
    });
  });

  it('reads Temurin, with its vendor details as metadata', () => {
    expect(javaReleaseFinding(TEMURIN_25)).toMatchObject({
      product: { name: 'openjdk' },
      version: '25.0.3',
      metadata: { implementor: 'Eclipse Adoptium', implementorVersion: 'Temurin-25.0.3+9', runtimeVersion: '25.0.3+9-LTS', jvmVariant: 'Hotspot', imageType: 'JDK' },
    });
  });

  it("tells Oracle's commercial JDK from OpenJDK builds, and reads Java 8 versions", () => {
    expect(javaReleaseFinding('IMPLEMENTOR="Oracle Corporation"\nJAVA_VERSION="1.8.0_391"\nBUILD_TYPE="commercial"\n')).toMatchObject({
      product: { name: 'oracle-jdk', cpeVendor: 'oracle', cpeProduct: 'jdk' },
      version: '1.8.0_391',
    });
    expect(javaReleaseFinding('IMPLEMENTOR="Oracle Corporation"\nJAVA_VERSION="21.0.2"\n')?.product.name).toBe('openjdk');
    expect(javaReleaseFinding('JAVA_VERSION=11.0.22\r\n')?.version).toBe('11.0.22');
  });

  it('is no finding without a plausible JAVA_VERSION', () => {
    expect(javaReleaseFinding('NAME="decoy"\nVERSION="1.0"\n')).toBeUndefined();
    expect(javaReleaseFinding('JAVA_VERSION="$(curl evil)"\n')).toBeUndefined();
    expect(javaReleaseFinding('JAVA_VERSION=""\n')).toBeUndefined();
    expect(javaReleaseFinding('')).toBeUndefined();
  });

  it('parses KEY=value lines and skips anything else', () => {
    expect(parseReleaseFile('A="x y"\nnot a line\nB=plain\n# comment\nc=lower\n')).toEqual({ A: 'x y', B: 'plain' });
  });
});

describe("a GOROOT's VERSION file", () => {
  it.each([
    ['go1.19.8', '1.19.8'],
    ['go1.19.8\n', '1.19.8'],
    ['go1.21.0\ntime 2023-08-08T15:00:21Z\n', '1.21.0'],
    ['go1.20', '1.20'],
    ['go1.22rc1\n', '1.22rc1'],
  ])('%j → %s', (text, version) => {
    expect(goVersionFinding(text)).toMatchObject({ product: { name: 'go', cpeVendor: 'golang', cpeProduct: 'go' }, version });
  });

  it.each(['1.2.3\n', 'devel go1.22-ab12cd Tue Jan 2 2024\n', 'go1.19.8\nsomething else entirely\n', 'go version go1.19.8 linux/amd64\n', ''])(
    '%j is no finding',
    (text) => {
      expect(goVersionFinding(text)).toBeUndefined();
    },
  );
});
