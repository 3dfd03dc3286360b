import * as z from 'zod/mini';
import type { PackageRecord } from '../../../core/package.js';
import { makePurl } from '../../purl.js';

/**
 * sbt-dependency-lock's `build.sbt.lock` (JSON, lockVersion 1): every resolved module with its
 * organisation, name, version and the sbt configurations that use it. A module only in test
 * configurations is reported with `dev` (Trivy leaves such modules out). Every bad field of the
 * document is reported; a bad dependency entry is skipped, the others are kept.
 */

const nonBlank = z.string().check(z.refine((s) => s.trim() !== '', 'blank'));
// a list of strings checked in one pass: zod would report (and copy up) one issue per bad element
const stringList = z.custom<string[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), { error: 'expected a list of strings' });
const dependencySchema = z.object({
  org: nonBlank,
  name: nonBlank,
  version: nonBlank,
  configurations: z.optional(stringList),
});

const lockSchema = z.object({
  lockVersion: z.optional(z.number()),
  dependencies: z.array(z.unknown()),
});

export interface SbtLockResult {
  packages: PackageRecord[];
  problems: string[];
}

export function parseSbtLockfile(text: string): SbtLockResult {
  const result: SbtLockResult = { packages: [], problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    result.problems.push('not valid JSON');
    return result;
  }
  const doc = lockSchema.safeParse(json);
  if (!doc.success) {
    result.problems.push(...doc.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`));
    return result;
  }
  if (doc.data.lockVersion !== undefined && doc.data.lockVersion !== 1) result.problems.push(`lockVersion ${doc.data.lockVersion} is not 1: read as version 1`);
  doc.data.dependencies.forEach((raw, i) => {
    const dep = dependencySchema.safeParse(raw);
    if (!dep.success) {
      result.problems.push(...dep.error.issues.map((issue) => `dependencies.${i}.${issue.path.join('.')}: ${issue.message}`));
      return;
    }
    const [org, name, version] = [dep.data.org.trim(), dep.data.name.trim(), dep.data.version.trim()];
    const configurations = dep.data.configurations ?? [];
    let purl: string;
    try {
      purl = makePurl('maven', org, name, version);
    } catch {
      result.problems.push(`dependencies.${i}: no package URL can be made of these coordinates`);
      return;
    }
    const record: PackageRecord = {
      type: 'maven',
      name: `${org}:${name}`,
      version,
      licenses: [],
      purl,
      foundIn: 'lockfile',
      evidence: [`build.sbt.lock dependencies[${i}]`],
      metadata: { groupId: org, artifactId: name, configurations: configurations.join(',') },
    };
    if (configurations.length > 0 && configurations.every((c) => c.startsWith('test'))) record.dev = true;
    result.packages.push(record);
  });
  return result;
}
