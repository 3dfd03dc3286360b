/**
 * The tree-sitter runtime and the bash grammar (both WebAssembly). Loading is asynchronous and happens
 * once per process (`loadShellParser`, called by the lint engine before linting); parsing is synchronous
 * afterwards. web-tree-sitter (its CommonJS build) and the .wasm files are loaded from node_modules at
 * run time, so the esbuild bundle keeps working as long as the packages are installed beside it (the
 * library's ES module build declares its own `require`, which a bundle cannot carry).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type * as TreeSitter from 'web-tree-sitter';
import type { Parser } from 'web-tree-sitter';
import { AppError, errorMessage } from '../../core/errors.js';

/** Node type names and named-ness by type id (the ERROR type, id 0xFFFF, is stored at the end). */
export interface Grammar {
  readonly names: readonly string[];
  readonly named: readonly boolean[];
  readonly errorId: number;
}

let parser: Parser | undefined;
let grammar: Grammar | undefined;
let loading: Promise<void> | undefined;

async function load(): Promise<void> {
  const require = createRequire(import.meta.url);
  const runtimeWasm = require.resolve('web-tree-sitter/tree-sitter.wasm');
  const grammarWasm = require.resolve('tree-sitter-bash/tree-sitter-bash.wasm');
  const { Parser: ParserClass, Language } = require('web-tree-sitter') as typeof TreeSitter;
  // Baseline (Liftoff) code only: V8's background tier-up of the grammar's hot functions stalls the
  // next event-loop turn by ~450 ms (measured: Node 20, 2 cores, after 50 parses), and Liftoff code
  // parses our short RUN bodies faster anyway (2,000 parses: 112 ms vs 188 ms).
  setFlagsFromString('--liftoff-only');
  await ParserClass.init({ wasmBinary: await readFile(runtimeWasm) });
  const bash = await Language.load(new Uint8Array(await readFile(grammarWasm)));
  const p = new ParserClass();
  p.setLanguage(bash);
  const names: string[] = [];
  const named: boolean[] = [];
  for (let id = 0; id < bash.nodeTypeCount; id++) {
    names.push(bash.nodeTypeForId(id) ?? '');
    named.push(bash.nodeTypeIsNamed(id));
  }
  grammar = { names: [...names, 'ERROR'], named: [...named, true], errorId: names.length };
  parser = p;
}

/** Loads the bash parser; idempotent (concurrent callers share one load). */
export function loadShellParser(): Promise<void> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw new AppError('INTERNAL', `cannot load the shell parser (web-tree-sitter + tree-sitter-bash): ${errorMessage(err)}`, { cause: err });
  });
  return loading;
}

/** The bash grammar's node type table (after `loadShellParser()`). */
export function shellGrammar(): Grammar {
  if (grammar === undefined) throw new AppError('INTERNAL', 'parseShell called before loadShellParser() completed');
  return grammar;
}

/** True once `loadShellParser()` has finished. */
export function shellParserLoaded(): boolean {
  return parser !== undefined;
}

/** The loaded parser; throws an internal error when `loadShellParser()` has not completed. */
export function shellParser(): Parser {
  if (parser === undefined) throw new AppError('INTERNAL', 'parseShell called before loadShellParser() completed');
  return parser;
}
