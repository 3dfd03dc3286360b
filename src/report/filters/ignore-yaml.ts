import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { AppError } from '../../core/errors.js';
import { compilePaths, compilePurls, parseExpiry, type IgnoreFile, type IgnoreRule, type IgnoreScope } from './ignore-rule.js';

/** The sections of `.trivyignore.yaml` drydock applies, and the kind of finding each one ignores. */
const SECTIONS: Readonly<Record<string, IgnoreScope>> = { vulnerabilities: 'vulnerability', secrets: 'secret', misconfigurations: 'misconfiguration' };
/** Sections for scanners drydock does not have: accepted, nothing to apply them to. */
const OTHER_SECTIONS = new Set(['licenses']);
const ENTRY_KEYS = new Set(['id', 'paths', 'purls', 'expired_at', 'statement']);

interface Ctx {
  path: string;
  lines: LineCounter;
  warnings: string[];
}

function where(ctx: Ctx, node: Node | null | undefined): string {
  const offset = node?.range?.[0];
  return offset === undefined ? ctx.path : `${ctx.path}:${ctx.lines.linePos(offset).line}`;
}

function fail(ctx: Ctx, node: Node | null | undefined, message: string): never {
  throw new AppError('INPUT', `${where(ctx, node)}: ${message}`);
}

/**
 * Trivy's `.trivyignore.yaml` (see ignore-file.ts): `vulnerabilities`, `secrets` (id = secret rule id,
 * paths = the files) and `misconfigurations` (id = check id) lists; errors name the file and line.
 */
export function parseIgnoreYaml(text: string, path: string): IgnoreFile {
  const lines = new LineCounter();
  const ctx: Ctx = { path, lines, warnings: [] };
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const line = lines.linePos(err.pos[0]).line;
    throw new AppError('INPUT', `${path}:${line}: not valid YAML: ${err.message.split('\n')[0] ?? ''}`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    return { path, format: 'ignore-yaml', rules: [], warnings: [] };
  }
  if (!isMap(root)) fail(ctx, root, 'expected a mapping with a "vulnerabilities" list');
  const rules: IgnoreRule[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    const scope = Object.hasOwn(SECTIONS, key) ? SECTIONS[key] : undefined;
    if (scope !== undefined) {
      if (value === null || (isScalar(value) && value.value === null)) continue;
      if (!isSeq(value)) fail(ctx, value, `"${key}" must be a list`);
      for (const item of value.items) rules.push({ ...entry(ctx, item as Node | null, key), scope });
    } else if (!OTHER_SECTIONS.has(key)) {
      ctx.warnings.push(`${where(ctx, pair.key as Node)}: unknown key "${key}" ignored`);
    }
  }
  return { path, format: 'ignore-yaml', rules, warnings: ctx.warnings };
}

function entry(ctx: Ctx, item: Node | null, section: string): IgnoreRule {
  if (!isMap(item)) fail(ctx, item, `each ${section} entry must be a mapping`);
  const at = where(ctx, item);
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!ENTRY_KEYS.has(key)) ctx.warnings.push(`${where(ctx, pair.key as Node)}: unknown key "${key}" ignored`);
  }
  const id = scalar(ctx, item, 'id');
  const statement = scalar(ctx, item, 'statement');
  const expiredAt = scalar(ctx, item, 'expired_at');
  const paths = stringList(ctx, item, 'paths');
  const purls = stringList(ctx, item, 'purls');
  if ((id === undefined || id === '') && paths.length === 0 && purls.length === 0) {
    fail(ctx, item, 'an entry needs an "id", "paths" or "purls" (an empty entry would ignore everything)');
  }
  const rule: IgnoreRule = {
    paths,
    pathRes: compilePaths(paths, at),
    purls,
    purlParts: compilePurls(purls, at),
    where: at,
  };
  if (id !== undefined && id !== '') rule.id = id;
  if (statement !== undefined) rule.statement = statement;
  if (expiredAt !== undefined) rule.expires = parseExpiry(expiredAt, at);
  return rule;
}

function scalar(ctx: Ctx, map: YAMLMap, key: string): string | undefined {
  const node = map.get(key, true) as Node | undefined;
  if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
  if (!isScalar(node) || typeof node.value === 'object') fail(ctx, node, `"${key}" must be a single value`);
  return String(node.value).trim();
}

function stringList(ctx: Ctx, map: YAMLMap, key: string): string[] {
  const node = map.get(key, true) as Node | undefined;
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) fail(ctx, node, `"${key}" must be a list`);
  return node.items.map((it) => {
    const n = it as Node | null;
    if (!isScalar(n) || typeof n.value !== 'string' || n.value === '') fail(ctx, n, `"${key}" entries must be non-empty strings`);
    return n.value;
  });
}
