import { PRODUCTS } from './products.js';
import type { TextFinding, TextRule } from './types.js';

/**
 * A Go installation's `$GOROOT/VERSION` file: the toolchain version on the first line (`go1.19.8`;
 * `go1.20` for a .0 release before Go 1.21), then, since Go 1.21, `time <build time>` lines.
 */
const FIRST_LINE = /^go(\d{1,2}\.\d{1,3}(?:\.\d{1,3})?(?:(?:rc|beta)\d{1,2})?)$/;

export function goVersionFinding(text: string): TextFinding | undefined {
  const nl = text.indexOf('\n');
  const first = (nl < 0 ? text : text.slice(0, nl)).trim();
  const m = FIRST_LINE.exec(first);
  if (!m?.[1]) return undefined;
  const rest = nl < 0 ? '' : text.slice(nl + 1);
  // anything after the first line must look like the toolchain's own `key value` lines
  for (const line of rest.split('\n')) if (line.trim() !== '' && !/^[a-z]{1,20} \S{1,100}$/.test(line.trimEnd())) return undefined;
  return { product: PRODUCTS.go, version: m[1], evidence: `${first} (GOROOT VERSION file)` };
}

export const goVersionRule: TextRule = {
  kind: 'text',
  id: 'go-version',
  maxBytes: 1024,
  parse: goVersionFinding,
};
