import { AppError } from '../../core/errors.js';

/** One PEM block: its label (`PUBLIC KEY`, `ENCRYPTED SIGSTORE PRIVATE KEY`, ...), headers and body bytes. */
export interface PemBlock {
  readonly type: string;
  /** RFC 1421 headers before the body (`Proc-Type`, `DEK-Info`); empty for RFC 7468 blocks. */
  readonly headers: ReadonlyMap<string, string>;
  readonly der: Buffer;
}

const BLOCK = /-----BEGIN ([A-Z0-9][A-Z0-9 ]*[A-Z0-9])-----\r?\n([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Far above any key or certificate file; stops a huge input before any work. */
const MAX_PEM_CHARS = 4 * 1024 * 1024;

/**
 * Strict standard base64 (RFC 4648 §4, padded), as Go's `encoding/base64.StdEncoding` reads it.
 * Node's own decoder skips characters it does not know, which would let a corrupt file through.
 */
export function decodeBase64Strict(text: string, what: string): Buffer {
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw new AppError('INPUT', `${what} is not valid base64`);
  return Buffer.from(text, 'base64');
}

function parseBody(body: string, type: string, source: string): { headers: Map<string, string>; der: Buffer } {
  const lines = body.split(/\r?\n/).map((l) => l.trim());
  const headers = new Map<string, string>();
  let i = 0;
  if (lines[0]?.includes(':')) {
    for (; i < lines.length && lines[i] !== ''; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(':');
      if (colon < 0) throw new AppError('INPUT', `${source}: the ${type} PEM block has a malformed header line`);
      headers.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
  }
  const text = lines.slice(i).join('');
  if (text === '') throw new AppError('INPUT', `${source}: the ${type} PEM block is empty`);
  return { headers, der: decodeBase64Strict(text, `${source}: the body of the ${type} PEM block`) };
}

/** A PEM block found in text, not yet decoded: its label and the text between BEGIN and END. */
export interface PemSection {
  readonly type: string;
  readonly body: string;
}

/**
 * Every PEM block in `text`, in order, undecoded. Text around blocks (comments, `openssl` output) is
 * ignored; blocks the caller does not want (`EC PARAMETERS`, PGP armour) are never decoded.
 */
export function scanPem(text: string, source: string): PemSection[] {
  if (text.length > MAX_PEM_CHARS) throw new AppError('LIMIT', `${source}: ${text.length} characters is too large for a key file`);
  const sections: PemSection[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const type = m[1] as string;
    if (m[3] !== type) throw new AppError('INPUT', `${source}: PEM block "BEGIN ${type}" ends with "END ${m[3]}"`);
    sections.push({ type, body: m[2] as string });
  }
  return sections;
}

/** Decode one section's headers and base64 body. */
export function decodePem(section: PemSection, source: string): PemBlock {
  return { type: section.type, ...parseBody(section.body, section.type, source) };
}

/** PEM-encode `der` under `type`, 64 characters a line, ending in a newline (as Go's `pem.Encode` writes it). */
export function encodePem(type: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}
