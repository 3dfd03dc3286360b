/**
 * The account databases an image ships: /etc/passwd, /etc/group, /etc/shadow and BSD's
 * /etc/master.passwd (colon-separated, one account per line). Only what the configuration checks
 * need is kept — names and ids, never a password hash.
 */

export type AccountFile = 'passwd' | 'group' | 'shadow' | 'master.passwd';

export interface AccountFileFacts {
  file: AccountFile;
  /** Names whose password field is empty (login without a password). */
  emptyPassword: string[];
  /** Ids (UIDs for passwd, GIDs for group) used by more than one name, names in file order. */
  duplicateIds: Array<{ id: string; names: string[] }>;
}

/** Lines that are accounts: not blank, not comments, not NIS `+`/`-` inclusions. */
function records(text: string): string[][] {
  const out: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const fields = line.split(':');
    if (fields.length < 2) continue;
    out.push(fields);
  }
  return out;
}

function duplicates(rows: string[][], idField: number): Array<{ id: string; names: string[] }> {
  const byId = new Map<string, string[]>();
  for (const f of rows) {
    const id = f[idField];
    const name = f[0];
    if (id === undefined || id === '' || name === undefined) continue;
    const names = byId.get(id) ?? [];
    names.push(name);
    byId.set(id, names);
  }
  return [...byId].filter(([, names]) => names.length > 1).map(([id, names]) => ({ id, names }));
}

/**
 * passwd: `name:password:uid:gid:gecos:home:shell`. An empty password field means no password at
 * all (`x` defers to shadow); shadow and master.passwd: `name:hash:...`, empty hash likewise.
 * group: `name:password:gid:members`, checked for duplicate GIDs only.
 */
export function parseAccountFile(file: AccountFile, content: Buffer): AccountFileFacts {
  const rows = records(content.toString('utf8'));
  const emptyPassword = file === 'group' ? [] : rows.filter((f) => f.length >= 2 && f[1] === '').map((f) => f[0] ?? '');
  const idField = file === 'passwd' || file === 'group' ? 2 : -1;
  return { file, emptyPassword, duplicateIds: idField < 0 ? [] : duplicates(rows, idField) };
}

/** Image-relative paths of the account databases. */
export const ACCOUNT_FILES: ReadonlyMap<string, AccountFile> = new Map([
  ['etc/passwd', 'passwd'],
  ['etc/group', 'group'],
  ['etc/shadow', 'shadow'],
  ['etc/master.passwd', 'master.passwd'],
]);
