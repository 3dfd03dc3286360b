import { quotedPrefixLength, unquoteGo } from './go-quote.js';

/**
 * The module info text of a Go build (what `go version -m` prints, runtime/debug.BuildInfo), one
 * tab-separated record per line:
 *
 *   path   <main package path>
 *   mod    <module path> <version> [<sum>]      the main module (absent in GOPATH builds)
 *   dep    <module path> <version> [<sum>]      one per module in the build list
 *   =>     <path> <version> [<sum>]             the previous mod/dep line's replacement
 *   build  <key>=<value>                        Go >= 1.18: build settings, quoted when needed
 *   go     <toolchain version>                  (in `go version -m` output only)
 */

export interface GoModule {
  path: string;
  version: string;
  sum?: string;
  replace?: GoModule;
}

export interface ModInfo {
  goVersion?: string;
  /** The main package's import path. */
  path?: string;
  main?: GoModule;
  deps: GoModule[];
  /** Build settings in order ([key, value]). */
  settings: Array<[string, string]>;
  problems: string[];
}

const MAX_PROBLEMS = 20;

export function parseModinfo(text: string): ModInfo {
  const info: ModInfo = { deps: [], settings: [], problems: [] };
  let last: GoModule | undefined;
  const problem = (line: number, what: string): void => {
    if (info.problems.length < MAX_PROBLEMS) info.problems.push(`module info line ${line}: ${what}`);
  };
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') return;
    const tab = line.indexOf('\t');
    const kind = tab < 0 ? line : line.slice(0, tab);
    const rest = tab < 0 ? '' : line.slice(tab + 1);
    switch (kind) {
      case 'path':
        info.path = rest;
        return;
      case 'go':
        info.goVersion = rest;
        return;
      case 'mod':
      case 'dep': {
        const m = moduleOf(rest);
        if (!m) return problem(i + 1, `a ${kind} line without module path and version`);
        if (kind === 'mod') info.main = m;
        else info.deps.push(m);
        last = m;
        return;
      }
      case '=>': {
        const m = moduleOf(rest, true);
        if (!m || !last) return problem(i + 1, 'a replacement (=>) that follows no mod/dep line');
        last.replace = m;
        last = undefined;
        return;
      }
      case 'build': {
        const kv = settingOf(rest);
        if (!kv) return problem(i + 1, 'a build line that is not key=value');
        info.settings.push(kv);
        return;
      }
      default:
        problem(i + 1, /^[a-z=>]{1,16}$/.test(kind) ? `unknown record "${kind}"` : 'unknown record');
    }
  });
  return info;
}

/** `<path>\t<version>[\t<sum>]`; a replacement by a directory has an empty version. */
function moduleOf(rest: string, replacement = false): GoModule | undefined {
  const [path = '', version = '', sum = ''] = rest.split('\t');
  if (path === '' || (version === '' && !replacement)) return undefined;
  const m: GoModule = { path, version };
  if (sum !== '') m.sum = sum;
  return m;
}

/** `key=value` with Go quoting on either side (runtime/debug.ParseBuildInfo's rules). */
function settingOf(kv: string): [string, string] | undefined {
  let key: string | undefined;
  let rawValue: string;
  if (kv.startsWith('"') || kv.startsWith('`')) {
    const n = quotedPrefixLength(kv);
    key = n < 0 ? undefined : unquoteGo(kv.slice(0, n));
    if (key === undefined || kv[n] !== '=') return undefined;
    rawValue = kv.slice(n + 1);
  } else {
    const eq = kv.indexOf('=');
    if (eq <= 0) return undefined;
    key = kv.slice(0, eq);
    rawValue = kv.slice(eq + 1);
  }
  const value = rawValue.startsWith('"') || rawValue.startsWith('`') ? unquoteGo(rawValue) : rawValue;
  return value === undefined ? undefined : [key, value];
}
