/**
 * Debian control-file syntax (deb822, as used by dpkg's status database, distroless status.d
 * files and machine-readable copyright files): paragraphs separated by blank lines, each a list
 * of `Field: value` lines; a line starting with a space or tab continues the previous field.
 * Field names are case-insensitive.
 */

export interface ControlParagraph {
  /** 1-based line number of the paragraph's first field. */
  line: number;
  /** Field values keyed by lower-cased field name; continuation lines joined with "\n". */
  fields: Map<string, string>;
}

export interface ControlParseResult {
  paragraphs: ControlParagraph[];
  /** Syntax problems, each naming its line. The offending lines are skipped. */
  problems: string[];
}

export interface ControlParseOptions {
  /** Skip lines starting with `#` (allowed in debian/control, not in dpkg's databases). */
  allowComments?: boolean;
}

const FIELD_RE = /^([!-9;-~][!-9;-~]*)[ \t]*:(.*)$/;

interface Builder {
  current: ControlParagraph | undefined;
  lastField: string | undefined;
  out: ControlParseResult;
}

/** Parse control paragraphs. Never throws: malformed lines are reported in `problems`. */
export function parseControl(text: string, options: ControlParseOptions = {}): ControlParseResult {
  const b: Builder = { current: undefined, lastField: undefined, out: { paragraphs: [], problems: [] } };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (options.allowComments === true && line.startsWith('#')) continue;
    if (line.trim() === '') {
      b.current = undefined;
      b.lastField = undefined;
    } else if (line.startsWith(' ') || line.startsWith('\t')) {
      continueField(b, line, i + 1);
    } else {
      startField(b, line, i + 1);
    }
  }
  return b.out;
}

function startField(b: Builder, line: string, lineNo: number): void {
  const m = FIELD_RE.exec(line);
  if (!m) {
    b.out.problems.push(`line ${lineNo}: expected "Field: value", got ${quote(line)}`);
    b.lastField = undefined;
    return;
  }
  const name = (m[1] ?? '').toLowerCase();
  if (!b.current) {
    b.current = { line: lineNo, fields: new Map() };
    b.out.paragraphs.push(b.current);
  }
  if (b.current.fields.has(name)) {
    b.out.problems.push(`line ${lineNo}: duplicate field "${m[1] ?? ''}" (the first one is kept)`);
    b.lastField = undefined;
    return;
  }
  b.current.fields.set(name, (m[2] ?? '').trim());
  b.lastField = name;
}

function continueField(b: Builder, line: string, lineNo: number): void {
  if (!b.current || b.lastField === undefined) {
    b.out.problems.push(`line ${lineNo}: continuation line without a field before it`);
    return;
  }
  const previous = b.current.fields.get(b.lastField) ?? '';
  b.current.fields.set(b.lastField, `${previous}\n${line.slice(1).trimEnd()}`);
}

/** The value of a field (case-insensitive name), or undefined when absent. */
export function controlField(p: ControlParagraph, name: string): string | undefined {
  return p.fields.get(name.toLowerCase());
}

/** The first line of a field's value (e.g. a copyright `License:` short name). */
export function firstLine(value: string): string {
  const nl = value.indexOf('\n');
  return (nl === -1 ? value : value.slice(0, nl)).trim();
}

function quote(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}
