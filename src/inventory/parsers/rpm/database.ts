/** What each rpmdb backend reader returns: header blobs in rpm's own iteration order, plus problems. */

export interface RawHeader {
  /** Header number: sqlite hnum, NDB pkgidx, Berkeley DB record key. */
  instance: number;
  /** The header blob (rpm `headerExport` form). */
  blob: Buffer;
}

export interface RawDatabase {
  headers: RawHeader[];
  /** Records that could not be read; the rest of the database still was. At most MAX_PROBLEMS + 1. */
  problems: string[];
}

/** A hostile file can be damaged everywhere; report the first problems and count the rest. */
export const MAX_PROBLEMS = 50;

export class ProblemList {
  readonly #items: string[] = [];
  #omitted = 0;

  add(problem: string): void {
    if (this.#items.length < MAX_PROBLEMS) this.#items.push(problem);
    else this.#omitted++;
  }

  toArray(): string[] {
    return this.#omitted === 0 ? [...this.#items] : [...this.#items, `... and ${this.#omitted} more problems`];
  }
}
