import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Maven's own ComparableVersion (the maven-artifact jar of the installed Maven), run by `java`. */
function mavenArtifactJar(): string {
  const lib = '/usr/share/maven/lib';
  const jar = existsSync(lib) ? readdirSync(lib).find((f) => /^maven-artifact.*\.jar$/.test(f)) : undefined;
  if (!jar) throw new Error('maven-artifact jar not found under /usr/share/maven/lib');
  return join(lib, jar);
}

/**
 * Compare many (a, b) pairs in one JVM: ComparableVersion's main compares each argument with the
 * next and prints `a < b` / `a == b` / `a > b`; pairs are passed as a, b, a, b, ... and every other
 * comparison is read. Returns a memoising comparator.
 */
export function mavenComparator(pairs: ReadonlyArray<readonly [string, string]>): (a: string, b: string) => number {
  const memo = new Map<string, number>();
  const todo = pairs.filter(([a, b]) => !memo.has(`${a}\u0000${b}`));
  if (todo.length > 0) {
    const args = todo.flatMap(([a, b]) => [a, b]);
    const r = spawnSync('java', ['-cp', mavenArtifactJar(), 'org.apache.maven.artifact.versioning.ComparableVersion', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ComparableVersion failed: ${r.stderr}`);
    const results = r.stdout.split('\n').filter((l) => /^ {3}\S/.test(l)).map((l) => (l.includes(' < ') ? -1 : l.includes(' > ') ? 1 : 0));
    todo.forEach(([a, b], i) => {
      const c = results[2 * i];
      if (c === undefined) throw new Error(`no ComparableVersion result for ${a} vs ${b}`);
      memo.set(`${a}\u0000${b}`, c);
      memo.set(`${b}\u0000${a}`, -c);
    });
  }
  return (a, b) => {
    if (a === b) return 0;
    const c = memo.get(`${a}\u0000${b}`);
    if (c === undefined) throw new Error(`pair ${a} vs ${b} was not precomputed`);
    return c;
  };
}
