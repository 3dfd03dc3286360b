import { AppError } from './errors.js';

/**
 * Parse a JSON document from an untrusted source. V8's own error messages quote the input around
 * the fault, which could put secrets (registry auth, credentials files) into an error message; this
 * reports only where the document broke.
 */
export function parseJsonDocument(text: string | Buffer, what: string): unknown {
  const body = typeof text === 'string' ? text : text.toString('utf8');
  try {
    return JSON.parse(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    const pos = /position (\d+)/.exec(message)?.[1];
    const where = pos !== undefined ? `at byte ${pos}` : /end of (JSON|data)/i.test(message) ? 'it ends too early' : 'syntax error';
    throw new AppError('INPUT', `${what} is not valid JSON (${where})`);
  }
}
