/**
 * The Dockerfile syntax tree every lint rule reads. Produced once per file by `parseDockerfile`
 * (src/lint/dockerfile/parse.ts); rules never look at the raw text except through spans.
 *
 * Positions: `line` and `column` are 1-based (column counts UTF-16 code units, like editors and
 * Hadolint's JSON); `offset` is the 0-based UTF-16 index into the original text, so fixes can edit
 * the file byte for byte.
 */

export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface Span {
  readonly start: Pos;
  /** Exclusive end. */
  readonly end: Pos;
}

/** A parser directive from the top of the file: `# syntax=`, `# escape=`, `# check=`. Names lower-cased. */
export interface Directive {
  readonly name: string;
  readonly value: string;
  readonly span: Span;
}

/** A `#` comment line (outside heredoc bodies). `text` is everything after the `#`, untrimmed. */
export interface Comment {
  readonly text: string;
  readonly span: Span;
}

/** A problem the parser recovered from: reported as a lint warning on that line, never a failure. */
export interface ParseWarning {
  readonly message: string;
  readonly span: Span;
}

/** `--name=value` (or `--name` alone: value undefined) before an instruction's arguments. */
export interface Flag {
  readonly name: string;
  readonly value: string | undefined;
  readonly span: Span;
}

/** A string as written in the file with its location; `value` has quotes/escapes removed. */
export interface Text {
  readonly raw: string;
  readonly value: string;
  readonly span: Span;
}

/** A heredoc attached to RUN/COPY/ADD: `<<EOF`, `<<-EOF`, `<<"EOF"`, several per instruction. */
export interface Heredoc {
  readonly delimiter: string;
  /** `<<-`: leading tabs are stripped from body lines. */
  readonly stripTabs: boolean;
  /** Quoted delimiter: no expansion in the body. */
  readonly quoted: boolean;
  /** Optional fd prefix like `3<<EOF`. */
  readonly fd: number | undefined;
  /** The body as BuildKit delivers it (tabs stripped for `<<-`), without the terminator line. */
  readonly body: string;
  /** Where the body lines sit in the file (start of first body line to end of last). */
  readonly bodySpan: Span;
  /** The `<<EOF` marker on the instruction line. */
  readonly markerSpan: Span;
}

/** One `--mount=type=...,k=v,...` of RUN, parsed. Unknown keys are kept. */
export interface Mount {
  readonly type: string; // bind (default), cache, tmpfs, secret, ssh
  readonly options: ReadonlyMap<string, string | undefined>;
  readonly target: string | undefined;
  readonly span: Span;
}

export type CommandForm =
  /** `["a", "b"]` */
  | { readonly kind: 'exec'; readonly args: readonly Text[] }
  /** shell form: the command text with continuations joined (escape + newline removed, comment lines dropped). */
  | { readonly kind: 'shell'; readonly script: ShellSource };

/**
 * Shell text taken from the file (a shell-form RUN/CMD/ENTRYPOINT/HEALTHCHECK command, or a heredoc body
 * used as a script). `text` is what a shell would receive; `toFile(i)` maps an index in `text` back to
 * the file so rules can point at the offending word.
 */
export interface ShellSource {
  readonly text: string;
  toFile(index: number): Pos;
}

/** A parsed image reference as written in FROM (after ARG expansion where possible). */
export interface ImageRef {
  /** As written (unexpanded), e.g. `${BASE}:3.19` or `docker.io/library/alpine:3.19@sha256:...`. */
  readonly raw: string;
  /** After expanding global ARGs with their defaults; equals raw when nothing to expand. */
  readonly expanded: string;
  /** True when the expanded text still contains `$` (an ARG without a default). */
  readonly unresolved: boolean;
  /** Registry host when written explicitly (`gcr.io`, `localhost:5000`), else undefined (Docker Hub). */
  readonly registry: string | undefined;
  /** Path without registry and tag, e.g. `library/alpine` is NOT added: `alpine`, `bitnami/redis`. */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  /** `FROM scratch`. */
  readonly scratch: boolean;
}

interface Base {
  /** Upper-case keyword, e.g. `RUN`. For unknown instructions, the keyword as written, upper-cased. */
  readonly keyword: string;
  /** Whole instruction: keyword to end of last continuation line (and of the last heredoc body). */
  readonly span: Span;
  /** The keyword as written (for case rules). */
  readonly keywordSpan: Span;
  readonly flags: readonly Flag[];
  /** Argument text after the flags, continuations joined (heredoc bodies excluded). */
  readonly argsText: string;
  readonly argsSpan: Span;
  /** Index into `Dockerfile.stages` (−1 for instructions before the first FROM). */
  readonly stage: number;
  /** Set on the instruction wrapped by ONBUILD. */
  readonly onbuild: boolean;
}

export interface FromInstruction extends Base {
  readonly keyword: 'FROM';
  readonly image: ImageRef;
  /** `AS name` (as written; stage names are case-insensitive in BuildKit). */
  readonly alias: Text | undefined;
  readonly platform: string | undefined;
}
export interface RunInstruction extends Base {
  readonly keyword: 'RUN';
  readonly command: CommandForm;
  readonly heredocs: readonly Heredoc[];
  readonly mounts: readonly Mount[];
  readonly network: string | undefined;
  readonly security: string | undefined;
}
export interface CmdInstruction extends Base {
  readonly keyword: 'CMD' | 'ENTRYPOINT';
  readonly command: CommandForm;
}
export interface CopyInstruction extends Base {
  readonly keyword: 'COPY' | 'ADD';
  /** Sources then destination are the words of the args (JSON or whitespace form). */
  readonly sources: readonly Text[];
  readonly dest: Text | undefined;
  readonly heredocs: readonly Heredoc[];
  readonly json: boolean;
  /** Convenience: `--from` value. */
  readonly from: string | undefined;
  readonly chown: string | undefined;
  readonly chmod: string | undefined;
}
export interface KeyValue {
  readonly key: Text;
  /** Undefined for `ARG NAME` with no default. */
  readonly value: Text | undefined;
}
export interface EnvInstruction extends Base {
  readonly keyword: 'ENV' | 'LABEL';
  readonly pairs: readonly KeyValue[];
  /** `ENV key value` (legacy space form). */
  readonly legacy: boolean;
}
export interface ArgInstruction extends Base {
  readonly keyword: 'ARG';
  readonly pairs: readonly KeyValue[];
}
export interface UserInstruction extends Base {
  readonly keyword: 'USER';
  readonly user: Text;
  readonly group: Text | undefined;
}
export interface ExposeInstruction extends Base {
  readonly keyword: 'EXPOSE';
  /** Each port spec as written: `80`, `8080/tcp`, `${PORT}`, `1000-2000/udp`. */
  readonly ports: readonly Text[];
}
export interface ShellInstruction extends Base {
  readonly keyword: 'SHELL';
  readonly args: readonly Text[];
}
export interface HealthcheckInstruction extends Base {
  readonly keyword: 'HEALTHCHECK';
  /** undefined for `HEALTHCHECK NONE`. */
  readonly command: CommandForm | undefined;
}
export interface OnbuildInstruction extends Base {
  readonly keyword: 'ONBUILD';
  /** The wrapped instruction (its `onbuild` is true); undefined if missing/invalid. */
  readonly inner: Instruction | undefined;
}
/** WORKDIR, VOLUME, STOPSIGNAL, MAINTAINER, and unknown keywords: `words` are the whitespace/JSON words. */
export interface OtherInstruction extends Base {
  readonly keyword: string;
  readonly words: readonly Text[];
  /** True for keywords BuildKit does not know (also reported as a ParseWarning). */
  readonly unknown: boolean;
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CmdInstruction
  | CopyInstruction
  | EnvInstruction
  | ArgInstruction
  | UserInstruction
  | ExposeInstruction
  | ShellInstruction
  | HealthcheckInstruction
  | OnbuildInstruction
  | OtherInstruction;

export interface Stage {
  readonly index: number;
  readonly from: FromInstruction;
  /** Lower-cased alias, if any. */
  readonly name: string | undefined;
  /** Index of the earlier stage this one builds FROM (by name), if any. */
  readonly parent: number | undefined;
  /** Instructions of this stage after its FROM (top-level, ONBUILD wrappers included as written). */
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  readonly text: string;
  /** The escape character in effect (`\\` or a backtick). */
  readonly escape: string;
  readonly directives: readonly Directive[];
  readonly comments: readonly Comment[];
  /** All top-level instructions in file order. */
  readonly instructions: readonly Instruction[];
  readonly stages: readonly Stage[];
  /** ARGs before the first FROM. */
  readonly globalArgs: readonly ArgInstruction[];
  readonly warnings: readonly ParseWarning[];
}
