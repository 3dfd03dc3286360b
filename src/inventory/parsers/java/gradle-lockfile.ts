import type { PackageRecord } from '../../../core/package.js';
import { makePurl } from '../../purl.js';

/**
 * Gradle dependency lock files (`gradle.lockfile`, `buildscript-gradle.lockfile`, and the older
 * per-configuration `gradle/dependency-locks/*.lockfile`): one `group:artifact:version=conf,...`
 * line per resolved module, `#` comments, and `empty=` naming configurations without
 * dependencies. A module used only by test configurations (`testCompileClasspath`, ...) is `dev`.
 * The file does not say which modules are direct dependencies.
 */

export interface GradleLockResult {
  packages: PackageRecord[];
  problems: string[];
}

export function parseGradleLockfile(text: string, fileName = 'gradle.lockfile'): GradleLockResult {
  const result: GradleLockResult = { packages: [], problems: [] };
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const coordinates = eq < 0 ? line : line.slice(0, eq);
    if (coordinates === 'empty') return;
    const parts = coordinates.split(':').map((p) => p.trim());
    const [group, artifact, version] = parts;
    if (parts.length !== 3 || !group || !artifact || !version) {
      result.problems.push(`line ${i + 1}: not a group:artifact:version=configurations line`);
      return;
    }
    const purl = mavenPurl(group, artifact, version);
    if (purl === undefined) {
      result.problems.push(`line ${i + 1}: no package URL can be made of these coordinates`);
      return;
    }
    const configurations = eq < 0 ? [] : line.slice(eq + 1).split(',').map((c) => c.trim()).filter((c) => c !== '');
    const name = `${group}:${artifact}`;
    if (seen.has(`${name}@${version}`)) return;
    seen.add(`${name}@${version}`);
    const record: PackageRecord = {
      type: 'maven',
      name,
      version,
      licenses: [],
      purl,
      foundIn: 'lockfile',
      evidence: [`${fileName} line ${i + 1}`],
      metadata: { groupId: group, artifactId: artifact, configurations: configurations.join(',') },
    };
    if (configurations.length > 0 && configurations.every((c) => c.startsWith('test'))) record.dev = true;
    result.packages.push(record);
  });
  return result;
}

function mavenPurl(group: string, artifact: string, version: string): string | undefined {
  try {
    return makePurl('maven', group, artifact, version);
  } catch {
    return undefined;
  }
}
