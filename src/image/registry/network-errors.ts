import { AppError, errorMessage, isAppError } from '../../core/errors.js';

export type NetworkFailure = 'certificate' | 'protocol' | 'timeout' | 'connection';

const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

/** Failures that happen before any byte of the request went out: safe to retry even for POST. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** An AbortSignal.timeout() deadline surfaces as a DOMException named TimeoutError (numeric code). */
function isDeadline(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'TimeoutError';
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects report an AggregateError of the per-address failures.
  const inner = (err as { errors?: unknown }).errors;
  if (Array.isArray(inner)) return errorCode(inner[0]);
  const cause = (err as { cause?: unknown }).cause;
  return cause === undefined ? undefined : errorCode(cause);
}

/**
 * What kind of transport failure this is: the server's certificate was refused (never retried, never
 * a reason to fall back to HTTP), the TLS handshake failed in a way that suggests a plain-HTTP server,
 * or the connection itself failed. Undefined for errors that are not transport failures.
 */
export function classifyNetworkError(err: unknown): NetworkFailure | undefined {
  if (isAppError(err)) return undefined;
  if (isDeadline(err)) return 'timeout';
  const code = errorCode(err);
  if (code === undefined) return undefined;
  if (CERT_CODES.has(code) || code.startsWith('ERR_TLS_CERT')) return 'certificate';
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code === 'ERR_TLS_HANDSHAKE_TIMEOUT') return 'protocol';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  return 'connection';
}

/** Retry transport failures, except certificate rejections (they will not heal). */
export function isRetryableNetworkError(err: unknown): boolean {
  const kind = classifyNetworkError(err);
  return kind === 'protocol' || kind === 'timeout' || kind === 'connection';
}

/**
 * Did this failure happen before the request was sent (no connection, TLS handshake refused)? Only
 * such failures may be retried for requests that are not idempotent.
 */
export function failedBeforeSending(err: unknown): boolean {
  const kind = classifyNetworkError(err);
  if (kind === 'protocol') return true;
  const code = errorCode(err);
  return kind === 'connection' || kind === 'timeout' ? code !== undefined && NOT_SENT_CODES.has(code) : false;
}

/** Wrap a transport failure as AppError NETWORK naming what we were doing and the host. */
export function toNetworkError(err: unknown, subject: string, host: string): AppError {
  if (isAppError(err)) return err;
  const kind = classifyNetworkError(err);
  const detail = `${errorCode(err) ?? (isDeadline(err) ? 'deadline' : 'error')}: ${errorMessage(err)}`;
  if (kind === 'timeout') {
    return new AppError('NETWORK', `${subject}: timed out waiting for ${host} (${detail})`, { cause: err });
  }
  if (kind === 'certificate') {
    return new AppError(
      'NETWORK',
      `${subject}: the TLS certificate of ${host} is not trusted (${detail}); trust its CA, or use --insecure for a registry with a self-signed certificate`,
      { cause: err },
    );
  }
  return new AppError('NETWORK', `${subject}: cannot reach ${host} (${detail})`, { cause: err });
}
