import { parseYamlDocument } from './yaml.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export type DocumentFormat = 'json' | 'yaml';

/** The format a feed file's name says it is: `.yaml`/`.yml` → YAML, anything else is read as JSON. */
export function formatOfName(name: string): DocumentFormat {
  const path = name.replace(/[?#].*$/, '').toLowerCase();
  return path.endsWith('.yaml') || path.endsWith('.yml') ? 'yaml' : 'json';
}

/** Strict UTF-8 text of a document (a leading BOM is dropped); throws on invalid UTF-8. */
export function decodeUtf8(data: Uint8Array): string {
  try {
    return decoder.decode(data);
  } catch {
    throw new Error('not valid UTF-8 text');
  }
}

/** Parse a feed document as JSON or YAML; throws an Error whose message says what is wrong. */
export async function parseDocument(data: Uint8Array, format: DocumentFormat): Promise<unknown> {
  const text = decodeUtf8(data);
  if (format === 'yaml') return parseYamlDocument(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}
