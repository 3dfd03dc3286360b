import { readRubyLiteral, readString, type RubyLiteral } from './literal.js';

/**
 * An installed gem's specification (`specifications/<name>-<version>.gemspec`), as RubyGems writes
 * it (`Gem::Specification#to_ruby`): Ruby source, but its fields are plain assignments to the block
 * variable (`s.name = "rake".freeze`). Only literal values are read; nothing is evaluated.
 */

export interface Gemspec {
  name: string;
  version: string;
  /** `licenses = [...]` or `license = "..."`. */
  licenses: string[];
  /** `platform`, when not the plain `ruby` platform (native gems: `x86_64-linux`). */
  platform?: string;
  /** Names of runtime dependencies (development dependencies are left out). */
  runtimeDependencies: string[];
}

export interface GemspecResult {
  spec?: Gemspec;
  problems: string[];
}

/** Gem names and versions as RubyGems accepts them. */
export const GEM_NAME_RE = /^[A-Za-z0-9._-]+$/;
export const GEM_VERSION_RE = /^[0-9]+(?:\.[0-9A-Za-z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

interface Fields {
  values: Map<string, RubyLiteral>;
  runtime: string[];
  plain: string[];
}

export function parseGemspec(text: string): GemspecResult {
  const variable = blockVariable(text);
  if (variable === undefined) return { problems: ['no `Gem::Specification.new do |spec|` block'] };
  const fields = collectFields(text, `${variable}.`);
  const name = fields.values.get('name');
  const version = fields.values.get('version');
  const problems: string[] = [];
  if (typeof name !== 'string') problems.push(`no literal \`${variable}.name = "..."\``);
  else if (!GEM_NAME_RE.test(name)) problems.push('name is not a valid gem name');
  if (typeof version !== 'string') problems.push(`no literal \`${variable}.version = "..."\``);
  else if (!GEM_VERSION_RE.test(version)) problems.push('version is not a valid gem version');
  if (problems.length > 0 || typeof name !== 'string' || typeof version !== 'string') return { problems };
  const spec: Gemspec = {
    name,
    version,
    licenses: licensesOf(fields.values),
    runtimeDependencies: runtimeDependencies(text, fields),
  };
  const platform = fields.values.get('platform');
  if (typeof platform === 'string' && platform !== '' && platform !== 'ruby') spec.platform = platform;
  return { spec, problems };
}

/** `Gem::Specification.new do |s|` → `s`. */
function blockVariable(text: string): string | undefined {
  const at = text.indexOf('Gem::Specification.new');
  if (at < 0) return undefined;
  const open = text.indexOf('|', at);
  const close = open < 0 ? -1 : text.indexOf('|', open + 1);
  if (close < 0 || close - open > 64) return undefined;
  const name = text.slice(open + 1, close).trim();
  return /^[a-z_][A-Za-z0-9_]*$/.test(name) ? name : undefined;
}

const ASSIGNED = new Set(['name', 'version', 'license', 'licenses', 'platform']);

function collectFields(text: string, prefix: string): Fields {
  const fields: Fields = { values: new Map(), runtime: [], plain: [] };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith(prefix)) continue;
    const rest = line.slice(prefix.length);
    const attr = /^[a-z_]+/.exec(rest)?.[0] ?? '';
    const after = rest.slice(attr.length);
    if (ASSIGNED.has(attr)) {
      const eq = after.trimStart();
      if (!eq.startsWith('=') || eq.startsWith('==')) continue;
      const lit = readRubyLiteral(eq, 1);
      // the first assignment wins; a later conditional one (`if ...`) would need evaluation
      if (lit && !fields.values.has(attr)) fields.values.set(attr, lit.value);
    } else if (attr === 'add_runtime_dependency' || attr === 'add_dependency' || attr === 'add_development_dependency') {
      const args = after.trimStart();
      const dep = readString(args.startsWith('(') ? args.slice(1).trimStart() : args, 0);
      if (!dep || typeof dep.value !== 'string') continue;
      if (attr === 'add_runtime_dependency') fields.runtime.push(dep.value);
      if (attr === 'add_dependency') fields.plain.push(dep.value);
    }
  }
  return fields;
}

/**
 * RubyGems before 3.5 wrote `if s.respond_to? :add_runtime_dependency then <runtime and development
 * lines> else <every dependency as add_dependency> end`: there the else branch repeats the development
 * ones. Without that guard, `add_dependency` is a runtime dependency.
 */
function runtimeDependencies(text: string, fields: Fields): string[] {
  const guarded = text.includes('respond_to? :add_runtime_dependency');
  return [...new Set(guarded ? fields.runtime : [...fields.runtime, ...fields.plain])];
}

function licensesOf(values: Map<string, RubyLiteral>): string[] {
  // `licenses=` wraps a single string in an array (Array(licenses)), so both forms declare licenses
  const raw = values.get('licenses') ?? values.get('license');
  const list = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  return [...new Set(list.map((l) => l.trim()).filter((l) => l !== ''))];
}
