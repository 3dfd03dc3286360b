/**
 * `parseShell`: shell text → the ShellScript model rules read. tree-sitter-bash builds the syntax tree;
 * one TreeCursor walk turns it into simple commands with words, redirects, pipelines and list operators.
 *
 * tree-sitter-bash nests `&&`/`||`/`|` by its own precedence (and hangs whatever follows a heredoc
 * marker inside the heredoc redirect), so the walk flattens lists and pipelines into one operator
 * sequence per statement list and derives `join` and pipeline membership from the operator tokens.
 *
 * Most RUN bodies are plain commands chained with `&&` (and simple `for` loops): simple-lexer.ts builds
 * their model directly — the same model, checked differentially against this walk — at a twentieth of
 * the cost, and hands everything else to tree-sitter.
 */
import type { Tree } from 'web-tree-sitter';
import type { ShellSource } from '../dockerfile/ast.js';
import type { ShellScript } from './model.js';
import { shellGrammar, shellParser } from './runtime.js';
import { parseSimpleShell } from './simple-lexer.js';
import { newWalk, spanOf, visitChildren, type Walk } from './walk.js';
import { FileCache } from '../file-scope.js';

export { loadShellParser } from './runtime.js';

const PARSE_BUDGET_MS = 100;
const PARSE_BUDGET_MS_PER_CHAR = 0.02;

/** The source each parsed script came from (for `sh -c` bodies, whose spans map through the outer word). */
const SOURCES = new FileCache<ShellScript, ShellSource>();

export function sourceOf(script: ShellScript): ShellSource | undefined {
  return SOURCES.get(script);
}

/** Parses without the safety net: throws on internal bugs (the fuzz test uses it to find them). */
export function parseShellStrict(src: ShellSource): ShellScript {
  const parser = shellParser();
  // tree-sitter's error recovery can go quadratic on hostile input (`)(` × 25,000 takes half a minute):
  // give up past a budget generous for any real script (a 90 KB script parses in ~60 ms)
  const deadline = performance.now() + PARSE_BUDGET_MS + src.text.length * PARSE_BUDGET_MS_PER_CHAR;
  const tree = parser.parse(src.text, null, { progressCallback: () => performance.now() > deadline });
  if (tree === null) {
    parser.reset();
    return { source: src.text, commands: [], errors: [{ span: spanOf(src, 0, src.text.length) }] };
  }
  const c = tree.walk();
  try {
    const w = newWalk(c, src, shellGrammar());
    visitChildren(w, w.root);
    if (tree.rootNode.hasError) collectErrors(w, tree);
    if (w.errors.length > 1) w.errors.sort((a, b) => a.span.start.offset - b.span.start.offset);
    for (const cmd of w.commands) cmd.name = cmd.words[0]?.value;
    const script: ShellScript = { source: src.text, commands: w.commands, errors: w.errors };
    SOURCES.set(script, src);
    return script;
  } finally {
    c.delete();
    tree.delete();
  }
}

/**
 * Parses a shell script (RUN body, heredoc script, `sh -c` string). Never throws on any input: syntax
 * errors become `errors` with spans and the rest of the script is still analysed. Requires
 * `loadShellParser()` to have completed (throws an internal error otherwise).
 */
export function parseShell(src: ShellSource): ShellScript {
  shellParser();
  let simple: ShellScript | undefined;
  try {
    simple = parseSimpleShell(src);
  } catch {
    simple = undefined; // a bug of the fast path must not cost the script its analysis
  }
  if (simple === undefined) return parseShellTreeSitter(src);
  SOURCES.set(simple, src);
  return simple;
}

/**
 * `parseShell` without the fast path of simple-lexer.ts (which builds the same model without
 * tree-sitter for the simple scripts most RUN bodies are): what the differential test compares it to.
 */
export function parseShellTreeSitter(src: ShellSource): ShellScript {
  shellParser();
  try {
    return parseShellStrict(src);
  } catch {
    return { source: src.text, commands: [], errors: [{ span: spanOf(src, 0, src.text.length) }] };
  }
}

/** ERROR nodes (outermost only) and MISSING tokens, in source order. */
function collectErrors(w: Walk, tree: Tree): void {
  const c = tree.walk();
  try {
    for (;;) {
      const isError = c.nodeType === 'ERROR';
      if (isError || c.nodeIsMissing) w.errors.push({ span: spanOf(w.src, c.startIndex, c.endIndex) });
      if (!isError && c.gotoFirstChild()) continue;
      while (!c.gotoNextSibling()) if (!c.gotoParent()) return;
    }
  } finally {
    c.delete();
  }
}
