import * as z from 'zod/mini';
import { PRODUCTS } from './products.js';
import type { TextFinding, TextRule } from './types.js';

/**
 * A JDK's or JRE's `release` file (at the root of its home directory): shell-style KEY="value"
 * lines written by the OpenJDK build, e.g.
 *
 *   IMPLEMENTOR="Eclipse Adoptium"
 *   IMPLEMENTOR_VERSION="Temurin-17.0.9+9"
 *   JAVA_RUNTIME_VERSION="17.0.9+9"
 *   JAVA_VERSION="17.0.9"
 *
 * JAVA_VERSION is the version (`1.8.0_392` style for Java 8). Oracle's commercial JDK says
 * BUILD_TYPE="commercial"; every other build is reported as OpenJDK, its vendor kept as metadata.
 */

const JAVA_VERSION = /^\d{1,2}(?:\.\d{1,3}){0,4}(?:_\d{1,4})?(?:-[\w.]{1,20})?$/;

const releaseSchema = z.object({
  JAVA_VERSION: z.string().check(z.regex(JAVA_VERSION)),
  IMPLEMENTOR: z.optional(z.string()),
  IMPLEMENTOR_VERSION: z.optional(z.string()),
  JAVA_RUNTIME_VERSION: z.optional(z.string()),
  JVM_VARIANT: z.optional(z.string()),
  IMAGE_TYPE: z.optional(z.string()),
  BUILD_TYPE: z.optional(z.string()),
});

const METADATA: ReadonlyArray<[string, string]> = [
  ['IMPLEMENTOR', 'implementor'],
  ['IMPLEMENTOR_VERSION', 'implementorVersion'],
  ['JAVA_RUNTIME_VERSION', 'runtimeVersion'],
  ['JVM_VARIANT', 'jvmVariant'],
  ['IMAGE_TYPE', 'imageType'],
];

/** KEY=value / KEY="value" lines; anything else is skipped. */
export function parseReleaseFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]{0,63})=(.*)$/.exec(line.trimEnd());
    if (!m?.[1] || m[2] === undefined) continue;
    const raw = m[2];
    out[m[1]] = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  }
  return out;
}

export function javaReleaseFinding(text: string): TextFinding | undefined {
  const parsed = releaseSchema.safeParse(parseReleaseFile(text));
  if (!parsed.success) return undefined;
  const r = parsed.data;
  const oracle = r.IMPLEMENTOR === 'Oracle Corporation' && r.BUILD_TYPE === 'commercial';
  const metadata: Record<string, string> = {};
  for (const [key, name] of METADATA) {
    const v = (r as Record<string, string | undefined>)[key];
    if (v !== undefined && v !== '' && v.length <= 100) metadata[name] = v;
  }
  const finding: TextFinding = {
    product: oracle ? PRODUCTS.oracleJdk : PRODUCTS.openjdk,
    version: r.JAVA_VERSION,
    evidence: `JAVA_VERSION="${r.JAVA_VERSION}"`,
  };
  if (Object.keys(metadata).length > 0) finding.metadata = metadata;
  return finding;
}

export const javaReleaseRule: TextRule = {
  kind: 'text',
  id: 'java-release',
  maxBytes: 64 * 1024,
  parse: javaReleaseFinding,
};
