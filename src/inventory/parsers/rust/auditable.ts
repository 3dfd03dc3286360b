import { inflateSync } from 'node:zlib';
import * as z from 'zod/mini';

/**
 * cargo-auditable's dependency data (the `.dep-v0` section): zlib-compressed JSON
 * `{"format"?: n, "packages": [{name, version, source, kind?, dependencies?, root?}]}`, where each
 * dependency is an index into `packages` and `kind` is `build` for build-time-only crates (build
 * scripts, proc-macros: not in the binary) or `runtime` (the default).
 */

export interface AuditedCrate {
  name: string;
  version: string;
  /** `crates.io`, `local`, `git`, `registry`, or another registry's name. */
  source: string;
  kind: 'build' | 'runtime';
  root: boolean;
  /** Indices into the crate list. */
  dependencies: number[];
}

export interface AuditData {
  format: number;
  crates: AuditedCrate[];
  problems: string[];
}

/** Decompressed JSON larger than this is not read (the data of a 1,000-crate binary is ~100 KB). */
export const MAX_AUDIT_JSON = 16 * 1024 * 1024;

const sourceSchema = z.union([z.string(), z.object({ Other: z.string() })]);
const crateSchema = z.object({
  name: z.string().check(z.minLength(1)),
  version: z.string().check(z.minLength(1)),
  source: sourceSchema,
  kind: z.optional(z.enum(['build', 'runtime'])),
  root: z.optional(z.boolean()),
  dependencies: z.optional(z.array(z.number().check(z.int(), z.nonnegative()))),
});
const docSchema = z.object({ format: z.optional(z.number()), packages: z.array(z.unknown()) });

export function parseAuditSection(compressed: Buffer): AuditData {
  let json: unknown;
  try {
    const text = inflateSync(compressed, { maxOutputLength: MAX_AUDIT_JSON }).toString('utf8');
    json = JSON.parse(text);
  } catch (err) {
    const tooLarge = (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
    const what = err instanceof SyntaxError ? 'is not JSON' : tooLarge ? `decompresses to more than ${MAX_AUDIT_JSON} bytes` : 'does not decompress (zlib)';
    return { format: 0, crates: [], problems: [`cargo-auditable data ${what}`] };
  }
  const doc = docSchema.safeParse(json);
  if (!doc.success) return { format: 0, crates: [], problems: doc.error.issues.map((i) => `cargo-auditable data: ${i.path.join('.') || '(document)'}: ${i.message}`) };
  const problems: string[] = [];
  const crates: AuditedCrate[] = [];
  const count = doc.data.packages.length;
  doc.data.packages.forEach((item, i) => {
    const parsed = crateSchema.safeParse(item);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => `cargo-auditable data: packages.${i}.${issue.path.join('.')}: ${issue.message}`));
      return;
    }
    const p = parsed.data;
    const deps = (p.dependencies ?? []).filter((d) => d < count && d !== i);
    if (deps.length !== (p.dependencies ?? []).length) problems.push(`cargo-auditable data: packages.${i}.dependencies: index out of range`);
    crates[i] = {
      name: p.name,
      version: p.version,
      source: typeof p.source === 'string' ? p.source : p.source.Other,
      kind: p.kind ?? 'runtime',
      root: p.root === true,
      dependencies: deps,
    };
  });
  return { format: doc.data.format ?? 0, crates, problems };
}
