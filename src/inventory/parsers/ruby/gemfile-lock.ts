/**
 * Bundler's Gemfile.lock: sections at column 0 (`GEM`, `GIT`, `PATH`, `PLUGIN SOURCE`, `PLATFORMS`,
 * `DEPENDENCIES`, `RUBY VERSION`, `BUNDLED WITH`, `CHECKSUMS`); in a source section, `  specs:`
 * lists each locked gem at 4 spaces (`    name (version[-platform])`) and its dependencies at 6
 * (`      name (requirement)`). `DEPENDENCIES` names the Gemfile's own (direct) gems.
 */

export interface LockedGem {
  name: string;
  version: string;
  /** Platforms of the locked variants (`x86_64-linux`); empty for plain `ruby` gems. */
  platforms: string[];
  /** `rubygems` (GEM), `git`, `path` or `plugin`. */
  source: 'rubygems' | 'git' | 'path' | 'plugin';
  /** Names of the gems this one depends on. */
  dependencies: string[];
}

export interface GemfileLock {
  gems: LockedGem[];
  /** Gem names under DEPENDENCIES (a trailing `!` — pinned to a git/path source — removed). */
  direct: string[];
  bundledWith?: string;
  problems: string[];
}

const SOURCE_SECTIONS: Readonly<Record<string, LockedGem['source']>> = {
  GEM: 'rubygems',
  GIT: 'git',
  PATH: 'path',
  'PLUGIN SOURCE': 'plugin',
};
const OTHER_SECTIONS = new Set(['PLATFORMS', 'DEPENDENCIES', 'RUBY VERSION', 'BUNDLED WITH', 'CHECKSUMS']);

/** `name (inside)` or `name` → [name, inside?]. */
function splitEntry(text: string): [string, string | undefined] {
  const open = text.indexOf(' (');
  if (open < 0) return [text.trim(), undefined];
  const close = text.lastIndexOf(')');
  return [text.slice(0, open).trim(), close > open ? text.slice(open + 2, close).trim() : undefined];
}

interface State {
  out: GemfileLock;
  section: string;
  byKey: Map<string, LockedGem>;
  /** What each gem's dependency and platform lists hold, to add each once without scanning them. */
  seen: Map<string[], Set<string>>;
  current: LockedGem | undefined;
}

export function parseGemfileLock(text: string): GemfileLock {
  const st: State = { out: { gems: [], direct: [], problems: [] }, section: '', byKey: new Map(), seen: new Map(), current: undefined };
  let sawSection = false;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    if (line[0] !== ' ') {
      st.section = line.trim();
      st.current = undefined;
      if (SOURCE_SECTIONS[st.section] !== undefined || OTHER_SECTIONS.has(st.section)) sawSection = true;
      return;
    }
    readSectionLine(st, line, index + 1);
  });
  if (!sawSection) st.out.problems.push('no Gemfile.lock sections (GEM, DEPENDENCIES, ...) found');
  return st.out;
}

function readSectionLine(st: State, line: string, lineNo: number): void {
  const source = SOURCE_SECTIONS[st.section];
  if (source !== undefined) return readSpecLine(st, source, line, lineNo);
  if (st.section === 'DEPENDENCIES') {
    const [name] = splitEntry(line.trim());
    if (name !== '') st.out.direct.push(name.endsWith('!') ? name.slice(0, -1) : name);
  } else if (st.section === 'BUNDLED WITH') {
    st.out.bundledWith = line.trim();
  }
}

function readSpecLine(st: State, source: LockedGem['source'], line: string, lineNo: number): void {
  const indent = line.length - line.trimStart().length;
  if (indent === 4) {
    const [name, inside] = splitEntry(line.trim());
    if (name === '' || inside === undefined || inside === '') {
      st.out.problems.push(`line ${lineNo}: a locked gem without a version`);
      st.current = undefined;
      return;
    }
    st.current = addGem(st, name, inside, source);
  } else if (indent === 6 && st.current) {
    const [dep] = splitEntry(line.trim());
    if (dep !== '') addOnce(st, st.current.dependencies, dep);
  }
}

/** `1.13.6-x86_64-linux`: a gem version never contains `-`, so the first one starts the platform. */
function addGem(st: State, name: string, versionText: string, source: LockedGem['source']): LockedGem {
  const dash = versionText.indexOf('-');
  const version = dash < 0 ? versionText : versionText.slice(0, dash);
  const platform = dash < 0 ? undefined : versionText.slice(dash + 1);
  const key = `${name}@${version}`;
  let gem = st.byKey.get(key);
  if (!gem) {
    gem = { name, version, platforms: [], source, dependencies: [] };
    st.byKey.set(key, gem);
    st.out.gems.push(gem);
  }
  if (platform !== undefined) addOnce(st, gem.platforms, platform);
  return gem;
}

/** Append `value` to `list` unless it is there (a Set per list: linear in the lock's size). */
function addOnce(st: State, list: string[], value: string): void {
  let seen = st.seen.get(list);
  if (!seen) {
    seen = new Set(list);
    st.seen.set(list, seen);
  }
  if (seen.has(value)) return;
  seen.add(value);
  list.push(value);
}
