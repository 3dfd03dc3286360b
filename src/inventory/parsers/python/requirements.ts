import type { LockParse, LockPackage } from './lock-package.js';
import { lockPackage } from './lock-package.js';

/**
 * pip requirements files (`requirements*.txt`): only pinned requirements (`name==1.2`,
 * `name===1.2`, with optional extras, spaces and an environment marker) name a package version;
 * ranges, bare names, URLs and editable installs do not and are skipped. Comments, `--hash`
 * options, line continuations and UTF-16/UTF-8 byte order marks are handled. `-r`/`-c` includes
 * are not followed (an included `requirements*.txt` is read on its own; others are reported).
 */

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*/;
const PIN = /^===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*$/;

export function decodeRequirements(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return new TextDecoder('utf-8').decode(bytes);
}

export function parseRequirements(bytes: Buffer | string): LockParse {
  const text = typeof bytes === 'string' ? bytes : decodeRequirements(bytes);
  const packages: LockPackage[] = [];
  const invalid: number[] = [];
  const unfollowed: number[] = [];
  for (const { line, text: logical } of logicalLines(text)) {
    const req = stripComment(logical).trim();
    if (req === '') continue;
    if (req.startsWith('-')) {
      if (isUnfollowedInclude(req)) unfollowed.push(line);
      continue;
    }
    const pinned = parsePinned(req);
    if (pinned === 'invalid') invalid.push(line);
    else if (pinned !== undefined) packages.push({ ...lockPackage(pinned.name, pinned.version), line });
  }
  const problems: string[] = [];
  if (invalid.length > 0) problems.push(`not a requirement specifier: line${invalid.length > 1 ? 's' : ''} ${invalid.join(', ')}`);
  if (unfollowed.length > 0) {
    problems.push(`-r/--requirement include of a file not named requirements*.txt not followed: line${unfollowed.length > 1 ? 's' : ''} ${unfollowed.join(', ')}`);
  }
  return { packages, problems };
}

/** Physical lines joined where a line ends with a backslash; `line` is where the logical line starts. */
function logicalLines(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let start = 1;
  let acc: string | undefined;
  text.split(/\r?\n/).forEach((l, i) => {
    if (acc === undefined) start = i + 1;
    if (l.endsWith('\\')) {
      acc = `${acc ?? ''}${l.slice(0, -1)} `;
      return;
    }
    out.push({ line: start, text: `${acc ?? ''}${l}` });
    acc = undefined;
  });
  if (acc !== undefined) out.push({ line: start, text: acc });
  return out;
}

/** pip's rule is `#` at the start or after whitespace; a `#` can be in no pinned version either. */
function stripComment(line: string): string {
  if (line.includes('://')) return line.replace(/(^|\s)#.*$/, '');
  const hash = line.indexOf('#');
  return hash === -1 ? line : line.slice(0, hash);
}

function isUnfollowedInclude(option: string): boolean {
  const m = /^(?:-r|--requirement)(?:\s*=\s*|\s+|(?=[^\s=]))(\S+)/.exec(option);
  if (!m?.[1]) return false;
  const base = m[1].slice(m[1].lastIndexOf('/') + 1);
  return !(base.startsWith('requirements') && base.endsWith('.txt'));
}

/** `name[extras] ==1.2 ; marker --hash=...` → name and version; undefined when not pinned. */
function parsePinned(req: string): { name: string; version: string } | 'invalid' | undefined {
  let spec = req;
  const option = spec.search(/\s--?[A-Za-z]/);
  if (option !== -1) spec = spec.slice(0, option);
  const semi = spec.indexOf(';');
  if (semi !== -1) spec = spec.slice(0, semi);
  const name = NAME.exec(spec);
  if (!name?.[1]) return 'invalid';
  const rest = spec.slice(name[0].length).trim();
  if (rest === '' || rest.startsWith('@')) return undefined; // unpinned, or a direct URL reference
  if (!/^(?:[<>=!~]=?|===)/.test(rest)) return 'invalid';
  const pin = PIN.exec(rest);
  return pin?.[1] === undefined ? undefined : { name: name[1], version: pin[1] };
}
