/**
 * Facts about an image's final filesystem (every layer applied, whiteouts included) that the image
 * configuration checks read: `Inventory.fsFacts`, built by the `fs-facts` analyzer from the layer
 * listings the walker records anyway. JSON-serialisable; paths are absolute; `layer` is the index of
 * the layer that last wrote the entry.
 */
export interface FsFacts {
  /** Regular files with the setuid and/or setgid bit, by path. */
  setuidFiles: FsEntryFact[];
  /** Directories everyone may write to that lack the sticky bit (anyone can delete anyone's files). */
  worldWritableDirs: FsEntryFact[];
  /** Shells, package managers and privilege tools found in the standard bin directories. */
  programs: FsProgram[];
  /** Package-manager caches left in the image. */
  caches: FsCache[];
  /** Files and directories that rarely belong in an image (editor/VCS/cloud-credential leftovers). */
  unnecessary: FsEntryFact[];
  /** Account database problems (/etc/passwd, /etc/group, /etc/shadow, /etc/master.passwd). */
  accounts: AccountFacts;
  /** Lists cut at `FS_FACTS_LIST_LIMIT` entries: list name → how many entries there were in all. */
  truncated?: Record<string, number>;
}

/** Longest list kept per kind of fact (a pathological image must not blow up the inventory). */
export const FS_FACTS_LIST_LIMIT = 1000;

export interface FsEntryFact {
  path: string;
  /** Permission bits, 0o7777. */
  mode: number;
  layer: number;
  uid?: number;
  gid?: number;
}

export type ProgramKind = 'shell' | 'package-manager' | 'privilege';

export interface FsProgram {
  /** The program's name as found (`bash`, `apt-get`, `pip3.12`). */
  name: string;
  kind: ProgramKind;
  /** Where it was found (a symlink is listed when it leads to a regular file). */
  path: string;
  layer: number;
}

export type CacheKind = 'apt-lists' | 'apt-pkgcache' | 'apt-archives' | 'apk' | 'pip' | 'npm' | 'yum' | 'dnf';

export interface FsCache {
  kind: CacheKind;
  /** The cache directory. */
  path: string;
  files: number;
  bytes: number;
  /** Layers that wrote the cached files still visible, ascending. */
  layers: number[];
}

export interface AccountFacts {
  /** Accounts whose password field is empty: they log in without a password. */
  emptyPassword: AccountIssue[];
  /** UIDs (passwd) and GIDs (group) used by more than one name. */
  duplicateIds: DuplicateId[];
}

export interface AccountIssue {
  /** Absolute path of the database file. */
  file: string;
  name: string;
  layer: number;
}

export interface DuplicateId {
  file: string;
  kind: 'uid' | 'gid';
  id: string;
  names: string[];
  layer: number;
}
