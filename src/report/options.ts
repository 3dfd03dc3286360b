/** Options every writer accepts; each uses what applies to it. */
export interface WriteOptions {
  /** ANSI colours in the table (the CLI decides from the TTY and NO_COLOR). */
  color?: boolean;
}
