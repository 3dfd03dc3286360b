/**
 * The real reference implementations on this machine, driven in ONE python3 subprocess per call:
 * python3-apt (`apt_pkg.version_compare`, libapt-pkg) and python3-rpm (librpm). Debian's python3
 * (/usr/bin/python3) is used on purpose: a pyenv python on PATH would not see the Debian modules.
 * Input and output travel as JSON over stdin/stdout.
 */
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

export function runPython<T>(script: string, input: unknown): T {
  const r = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${PYTHON} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** librpm's EVR split (`rpm.ver`) of each string: [epoch|null, version, release|null], or null if rejected. */
export function librpmParse(inputs: readonly string[]): Array<[string | null, string, string | null] | null> {
  return runPython(
    `import json, sys, rpm
out = []
for s in json.load(sys.stdin):
    try:
        v = rpm.ver(s)
        out.append([v.e, v.v, v.r])
    except ValueError:
        out.append(None)
print(json.dumps(out))`,
    inputs,
  );
}

/** Raw librpm rpmvercmp(a, b) per pair (labelCompare with equal epochs and no releases is exactly that). */
export function librpmVercmp(pairs: ReadonlyArray<readonly [string, string]>): number[] {
  return runPython(
    `import json, sys, rpm
print(json.dumps([rpm.labelCompare(('0', a, None), ('0', b, None)) for a, b in json.load(sys.stdin)]))`,
    pairs,
  );
}

/** libapt-pkg's apt_pkg.version_compare(a, b) per pair. */
export function aptCompare(pairs: ReadonlyArray<readonly [string, string]>): number[] {
  return runPython(
    `import json, sys, apt_pkg
apt_pkg.init_system()
print(json.dumps([apt_pkg.version_compare(a, b) for a, b in json.load(sys.stdin)]))`,
    pairs,
  );
}
