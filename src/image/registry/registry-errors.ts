import * as z from 'zod';
import { AppError, type ErrorCode } from '../../core/errors.js';

const errorBodySchema = z.object({
  errors: z
    .array(z.object({ code: z.string().optional(), message: z.string().optional() }).loose())
    .min(1),
});

/** OCI distribution error codes (and Docker's extras) mapped onto drydock's error kinds. */
const CODE_MAP: Record<string, ErrorCode> = {
  MANIFEST_UNKNOWN: 'NOT_FOUND',
  BLOB_UNKNOWN: 'NOT_FOUND',
  NAME_UNKNOWN: 'NOT_FOUND',
  BLOB_UPLOAD_UNKNOWN: 'NOT_FOUND',
  UNAUTHORIZED: 'AUTH',
  DENIED: 'AUTH',
  DIGEST_INVALID: 'DIGEST_MISMATCH',
  SIZE_INVALID: 'DIGEST_MISMATCH',
  TOOMANYREQUESTS: 'NETWORK',
  UNAVAILABLE: 'NETWORK',
  UNSUPPORTED: 'UNSUPPORTED',
};

function codeForStatus(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 429 || status >= 500) return 'NETWORK';
  return 'REGISTRY';
}

/** Registry-supplied text is shown to users: keep it to one short printable line. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  const oneLine = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}

/**
 * Turn an error answer into an AppError whose message starts with `subject` (what was asked for,
 * e.g. `localhost:5000/team/app:1.0`). Registry JSON error bodies decide the code where they can.
 */
export function registryError(status: number, body: Buffer, subject: string, attempts = 1): AppError {
  let parsed: z.infer<typeof errorBodySchema> | undefined;
  try {
    const r = errorBodySchema.safeParse(JSON.parse(body.toString('utf8')));
    if (r.success) parsed = r.data;
  } catch {
    parsed = undefined;
  }
  const retried = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (parsed === undefined) {
    const code = codeForStatus(status);
    const what = { NOT_FOUND: 'not found', AUTH: 'access denied', NETWORK: 'the registry keeps failing' }[code as string] ?? 'unexpected answer from the registry';
    return new AppError(code, `${subject}: ${what} (HTTP ${status}${retried})`);
  }
  const first = parsed.errors[0]?.code;
  const code = (first !== undefined ? CODE_MAP[first] : undefined) ?? codeForStatus(status);
  const text = parsed.errors
    .map((e) => clean(e.message ?? (e.code ?? 'error').toLowerCase().replaceAll('_', ' ')))
    .join('; ');
  const suffix = code === 'NETWORK' ? ` (HTTP ${status}${retried})` : '';
  return new AppError(code, `${subject}: ${text}${suffix}`);
}
