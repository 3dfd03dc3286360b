import * as z from 'zod';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../core/errors.js';
import { formatIssues } from '../sbom/zod-issues.js';

/**
 * A small policy over verified attestations (`verify-attestation --policy FILE`, YAML or JSON): each rule
 * names a dotted path into the in-toto statement and one test. Every rule must hold for at least one
 * verified attestation of the wanted type. (cosign's --policy runs CUE or Rego; drydock's policy engine
 * reads these same statements.)
 */
const ruleSchema = z
  .object({
    path: z.string().min(1),
    equals: z.unknown().optional(),
    notEquals: z.unknown().optional(),
    exists: z.boolean().optional(),
    matches: z.string().optional(),
    lessThan: z.number().optional(),
    atMost: z.number().optional(),
    greaterThan: z.number().optional(),
    atLeast: z.number().optional(),
  })
  .strict()
  .refine((r) => Object.keys(r).length === 2, { message: 'each rule has a path and exactly one test (equals, notEquals, exists, matches, lessThan, atMost, greaterThan, atLeast)' });

const policySchema = z.object({ predicateType: z.string().optional(), rules: z.array(ruleSchema).min(1) }).strict();

export type PolicyRule = z.infer<typeof ruleSchema>;
export type AttestationPolicy = z.infer<typeof policySchema>;

export function parseAttestationPolicy(text: string, source: string): AttestationPolicy {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new AppError('INPUT', `${source}: not YAML or JSON (${(err as Error).message.split('\n')[0]})`);
  }
  const r = policySchema.safeParse(doc);
  if (!r.success) throw new AppError('INPUT', `${source}: invalid policy: ${formatIssues(r.error, '(root)')}`);
  for (const rule of r.data.rules) {
    if (rule.matches !== undefined) {
      try {
        new RegExp(rule.matches, 'u');
      } catch {
        throw new AppError('INPUT', `${source}: rule ${rule.path}: "${rule.matches}" is not a valid regular expression`);
      }
    }
  }
  return r.data;
}

function valueAt(doc: unknown, path: string): { found: boolean; value: unknown } {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return { found: false, value: undefined };
    cur = (cur as Record<string, unknown>)[part];
  }
  return { found: true, value: cur };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Does `rule` hold of the statement? Returns undefined if so, else why not. */
export function ruleFails(statement: unknown, rule: PolicyRule): string | undefined {
  const { found, value } = valueAt(statement, rule.path);
  const shown = found ? JSON.stringify(value) : 'absent';
  const num = typeof value === 'number' ? value : undefined;
  if (rule.exists !== undefined) return found === rule.exists ? undefined : `${rule.path} is ${found ? 'present' : 'absent'}`;
  if (!found) return `${rule.path} is absent`;
  if ('equals' in rule) return same(value, rule.equals) ? undefined : `${rule.path} is ${shown}, not ${JSON.stringify(rule.equals)}`;
  if ('notEquals' in rule) return same(value, rule.notEquals) ? `${rule.path} is ${shown}` : undefined;
  if (rule.matches !== undefined) return typeof value === 'string' && new RegExp(rule.matches, 'u').test(value) ? undefined : `${rule.path} is ${shown}, which does not match /${rule.matches}/`;
  if (num === undefined) return `${rule.path} is ${shown}, not a number`;
  if (rule.lessThan !== undefined && !(num < rule.lessThan)) return `${rule.path} is ${num}, not < ${rule.lessThan}`;
  if (rule.atMost !== undefined && !(num <= rule.atMost)) return `${rule.path} is ${num}, not <= ${rule.atMost}`;
  if (rule.greaterThan !== undefined && !(num > rule.greaterThan)) return `${rule.path} is ${num}, not > ${rule.greaterThan}`;
  if (rule.atLeast !== undefined && !(num >= rule.atLeast)) return `${rule.path} is ${num}, not >= ${rule.atLeast}`;
  return undefined;
}

/** The statements that satisfy every rule, and for the others the first rule each breaks. */
export function evaluatePolicy(statements: readonly unknown[], policy: AttestationPolicy): { passing: unknown[]; failures: string[] } {
  const passing: unknown[] = [];
  const failures: string[] = [];
  for (const s of statements) {
    const broken = policy.rules.map((r) => ruleFails(s, r)).find((x) => x !== undefined);
    if (broken === undefined) passing.push(s);
    else failures.push(broken);
  }
  return { passing, failures };
}
