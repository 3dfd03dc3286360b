import * as z from 'zod';
import { AppError } from '../core/errors.js';
import { formatIssues } from '../sbom/zod-issues.js';
import { PREDICATE_TYPES, type PredicateTypeName } from './predicate-types.js';

export { PREDICATE_TYPES, type PredicateTypeName } from './predicate-types.js';

/**
 * in-toto attestation statements (ITE-6). `cosign attest` still writes statement type v0.1
 * (`in_toto.StatementInTotoV01` in pkg/cosign/attestation); `cosign sign --new-bundle-format` and
 * newer tools write v1. Both are read.
 */
export const IN_TOTO_STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';
export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** The DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * The predicate type URI for a `--type` value: a name from PREDICATE_TYPES, or else any absolute URI
 * (as cosign's ParsePredicateType accepts). Throws AppError('USAGE') for anything else.
 */
export function predicateTypeFor(typeOrUri: string): string {
  if (Object.hasOwn(PREDICATE_TYPES, typeOrUri)) return PREDICATE_TYPES[typeOrUri as PredicateTypeName];
  if (URI_SCHEME.test(typeOrUri) && URL.canParse(typeOrUri)) return typeOrUri;
  const names = Object.keys(PREDICATE_TYPES).join(', ');
  throw new AppError('USAGE', `invalid predicate type "${typeOrUri}": use one of ${names}, or a URI`);
}

export interface InTotoSubject {
  name?: string;
  /** algorithm (`sha256`, `sha512`, …) → lowercase hex. */
  digest: Record<string, string>;
  annotations?: Record<string, unknown>;
}

export interface InTotoStatement {
  _type: typeof IN_TOTO_STATEMENT_V01 | typeof IN_TOTO_STATEMENT_V1;
  predicateType: string;
  subject: InTotoSubject[];
  predicate?: unknown;
}

/**
 * The statement `cosign attest` writes: type v0.1, fields in in-toto-golang's order (`_type`,
 * `predicateType`, `subject`, `predicate`).
 */
export function makeStatement(subjects: { name: string; digest: Record<string, string> }[], predicateType: string, predicate: unknown): InTotoStatement {
  return {
    _type: IN_TOTO_STATEMENT_V01,
    predicateType,
    subject: subjects.map((s) => ({ name: s.name, digest: { ...s.digest } })),
    predicate,
  };
}

const subjectSchema = z.object({
  name: z.string().optional(),
  digest: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.unknown()).optional(),
});

const statementSchema = z.object({
  _type: z.enum([IN_TOTO_STATEMENT_V01, IN_TOTO_STATEMENT_V1], { message: `expected "${IN_TOTO_STATEMENT_V01}" or "${IN_TOTO_STATEMENT_V1}"` }),
  predicateType: z.string().min(1, { message: 'empty' }),
  subject: z.array(subjectSchema),
  predicate: z.unknown().optional(),
});

/** Parse a (verified) DSSE payload as an in-toto statement. Throws AppError('INPUT') naming `source`. */
export function parseStatement(payload: Buffer | string, source: string): InTotoStatement {
  let value: unknown;
  try {
    value = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch (err) {
    throw new AppError('INPUT', `${source}: the payload is not an in-toto statement: not JSON (${(err as Error).message})`);
  }
  const r = statementSchema.safeParse(value);
  if (!r.success) throw new AppError('INPUT', `${source}: not an in-toto statement: ${formatIssues(r.error, '(statement)')}`);
  const { _type, predicateType, subject, predicate } = r.data;
  const subjects: InTotoSubject[] = subject.map((s) => ({
    ...(s.name === undefined ? {} : { name: s.name }),
    digest: s.digest,
    ...(s.annotations === undefined ? {} : { annotations: s.annotations }),
  }));
  return { _type, predicateType, subject: subjects, ...(predicate === undefined ? {} : { predicate }) };
}

/** Does some subject of the statement carry this digest (`algorithm` e.g. `sha256`, hex any case)? */
export function statementNamesDigest(statement: InTotoStatement, algorithm: string, hex: string): boolean {
  const want = hex.toLowerCase();
  return statement.subject.some((s) => s.digest[algorithm]?.toLowerCase() === want);
}
