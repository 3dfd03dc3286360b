import { parseIgnoreYaml } from './ignore-yaml.js';
import { parseExpiry, type IgnoreFile, type IgnoreRule } from './ignore-rule.js';

export type { IgnoreFile, IgnoreRule } from './ignore-rule.js';

/**
 * Parse an ignore file. As in Trivy, a name ending in `.yaml`/`.yml` is the YAML format
 * (`vulnerabilities`/`secrets`/`misconfigurations: [{id, paths, purls, expired_at, statement}]`);
 * anything else is the line format: one id per line (a vulnerability id, a secret rule id or a check id),
 * `#` comments, blank lines, and an optional `exp:YYYY-MM-DD` field after the id.
 * Malformed content is an AppError('INPUT') naming the file and line.
 */
export function parseIgnoreFile(text: string, path: string): IgnoreFile {
  if (/\.ya?ml$/i.test(path)) return parseIgnoreYaml(text, path);
  const rules: IgnoreRule[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${path}:${i + 1}`;
    const [id = '', ...fields] = line.split(/\s+/);
    const rule: IgnoreRule = { id, paths: [], pathRes: [], purls: [], purlParts: [], where };
    const exp = fields.find((f) => f.startsWith('exp:'));
    if (exp !== undefined) rule.expires = parseExpiry(exp.slice(4), where);
    rules.push(rule);
  });
  return { path, format: 'ignore-list', rules, warnings: [] };
}
