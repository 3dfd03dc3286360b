/**
 * What the label rules (DL3048–DL3058) share: every `LABEL key=value` of the file (ONBUILD ones
 * included), and the shape of the "label X has the wrong format" rules.
 */
import type { Dockerfile, EnvInstruction, KeyValue } from '../../dockerfile/ast.js';
import { isEnvOrLabel } from '../../dockerfile/guards.js';
import type { LintLevel, LintRule, Violation } from '../../rule.js';
import { withKeyword } from './by-keyword.js';
import { LABEL_FORMATS } from './label-formats.js';
import { FileCache } from '../../file-scope.js';

export interface LabelPair {
  readonly instr: EnvInstruction;
  readonly pair: KeyValue;
}

const CACHE = new FileCache<Dockerfile, readonly LabelPair[]>();

/** Every label set in the file, in order (LABELs wrapped by ONBUILD included). Cached per file. */
export function labelPairs(doc: Dockerfile): readonly LabelPair[] {
  let out = CACHE.get(doc);
  if (out === undefined) {
    const pairs: LabelPair[] = [];
    for (const instr of withKeyword(doc, 'LABEL')) if (isEnvOrLabel(instr)) for (const pair of instr.pairs) pairs.push({ instr, pair });
    out = pairs;
    CACHE.set(doc, out);
  }
  return out;
}

/** Whether text as written refers to a variable (`$X`, `${X}`) that is expanded at build time. */
export function hasVariable(raw: string, escape: string): boolean {
  let single = false;
  let double = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "'" && !double) single = !single;
    else if (single) continue;
    else if (c === '"') double = !double;
    else if (c === escape) i++;
    else if (c === '$') return true;
  }
  return false;
}

export interface FormatRuleSpec {
  readonly code: string;
  readonly level: LintLevel;
  /** The label-schema type the rule validates (`url`, `rfc3339`, ...). */
  readonly type: string;
  /** Hadolint's message, for one label name. */
  readonly message: (label: string) => string;
  readonly description: string;
}

/**
 * A rule that checks the value of every label the schema gives `spec.type`. Values built from
 * variables are only known at build time and are not judged.
 */
export function labelFormatRule(spec: FormatRuleSpec): LintRule {
  const valid = LABEL_FORMATS.get(spec.type) ?? (() => true);
  return {
    code: spec.code,
    level: spec.level,
    message: spec.message('<label>'),
    description: spec.description,
    check(ctx) {
      const schema = ctx.settings.labelSchema;
      if (schema.size === 0) return [];
      const out: Violation[] = [];
      for (const { pair } of labelPairs(ctx.doc)) {
        const name = pair.key.value;
        if (schema.get(name) !== spec.type || pair.value === undefined) continue;
        if (hasVariable(pair.value.raw, ctx.doc.escape) || valid(pair.value.value)) continue;
        const span = pair.value.raw === '' ? pair.key.span : pair.value.span;
        out.push({ code: spec.code, span, message: spec.message(name) });
      }
      return out;
    },
  };
}
