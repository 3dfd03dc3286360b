/**
 * The keyword prefilter: every rule keyword found in ONE pass over the bytes, ASCII case-insensitively,
 * with an Aho–Corasick automaton compiled to a dense DFA.
 *
 * Speed (measured on this project's benchmark corpus, CPU time): a byte-at-a-time DFA is bound by the
 * latency of its dependent table loads (~500 MB/s); running two independent copies over the two halves
 * of the buffer in the same loop lets the CPU overlap them (~850 MB/s). The table is indexed
 * `state << 8 | byte` (one load per byte); states are renumbered so that every state ending a keyword
 * is ≥ `firstOutput`, which makes the per-byte test one compare.
 *
 * The text is scanned as if a line break preceded it, so a keyword may begin with `\n` to mean "at the
 * start of a line or of the file".
 */
export interface KeywordHits {
  /** Positions just past each hit (the byte after the keyword's last byte), ascending. */
  readonly ends: Int32Array;
  /** The automaton state at each hit (decode with `keywordsAt`). */
  readonly states: Int32Array;
  readonly count: number;
}

export class KeywordMatcher {
  readonly keywords: readonly string[];
  /** Byte length of each keyword. */
  readonly lengths: Int32Array;
  private readonly delta: Uint16Array | Int32Array;
  /** States ≥ this end at least one keyword. */
  readonly firstOutput: number;
  /** The state after a line break: where a scan starts. */
  private readonly startState: number;
  /** Bytes the second stream starts early: a keyword ending in its half may start before it. */
  private readonly overlap: number;
  /** For output state s: keyword ids outs[outStart[s - firstOutput] .. outStart[s - firstOutput + 1]). */
  readonly outStart: Int32Array;
  readonly outs: Int32Array;

  /** `keywords`: non-empty strings; matched on their UTF-8 bytes, ASCII letters case-insensitively. */
  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const encoded = keywords.map((k) => [...Buffer.from(k.toLowerCase(), 'utf8')]);
    this.lengths = Int32Array.from(encoded.map((b) => b.length));
    this.overlap = Math.max(0, ...encoded.map((b) => b.length - 1));
    const classOf = new Uint8Array(256);
    let classes = 1;
    for (const bytes of encoded) {
      for (const b of bytes) {
        if (classOf[b] === 0) classOf[b] = classes++;
      }
    }
    for (let b = 0x41; b <= 0x5a; b++) classOf[b] = classOf[b + 32] ?? 0;
    const trie = buildTrie(encoded, classOf, classes);
    const { order, firstOutput } = numberStates(trie);
    this.firstOutput = firstOutput;
    const states = trie.next.length;
    this.delta = states <= 0xffff ? new Uint16Array(states * 256) : new Int32Array(states * 256);
    for (let s = 0; s < states; s++) {
      const row = trie.next[s] ?? [];
      const base = (order[s] ?? 0) * 256;
      for (let b = 0; b < 256; b++) this.delta[base + b] = order[row[classOf[b] ?? 0] ?? 0] ?? 0;
    }
    const outputs = Array.from({ length: states - firstOutput }, () => [] as number[]);
    for (let s = 0; s < states; s++) {
      const renamed = order[s] ?? 0;
      if (renamed >= firstOutput) outputs[renamed - firstOutput] = trie.output[s] ?? [];
    }
    this.outStart = new Int32Array(outputs.length + 1);
    outputs.forEach((o, i) => (this.outStart[i + 1] = (this.outStart[i] ?? 0) + o.length));
    this.outs = Int32Array.from(outputs.flat());
    this.startState = this.delta[10] ?? 0;
  }

  private readonly first = new HitList();
  private readonly second = new HitList();

  /**
   * Every keyword occurrence in `buf` (overlapping ones included), in order of their ends. The result
   * is only valid until the next call (its arrays are reused).
   */
  scan(buf: Uint8Array): KeywordHits {
    const n = buf.length;
    const half = n >> 1;
    const a = this.first;
    const b = this.second;
    a.count = 0;
    b.count = 0;
    if (half <= this.overlap + 64) {
      this.resume(buf, 0, n, this.startState, 0, a);
      return a.result();
    }
    const { delta, firstOutput } = this;
    let s1 = this.startState;
    let s2 = 0;
    let i = 0;
    let j = half - this.overlap;
    // Stream 1 covers [0, half); stream 2 covers [half - overlap, n) and reports hits ending after half.
    for (; i < half; i++, j++) {
      s1 = delta[(s1 << 8) | (buf[i] as number)] as number;
      s2 = delta[(s2 << 8) | (buf[j] as number)] as number;
      if (s1 >= firstOutput) a.push(i + 1, s1);
      if (s2 >= firstOutput && j >= half) b.push(j + 1, s2);
    }
    this.resume(buf, j, n, s2, half, b);
    a.append(b);
    return a.result();
  }

  private resume(buf: Uint8Array, from: number, to: number, state: number, reportFrom: number, out: HitList): void {
    const { delta, firstOutput } = this;
    let s = state;
    for (let i = from; i < to; i++) {
      s = delta[(s << 8) | (buf[i] as number)] as number;
      if (s >= firstOutput && i >= reportFrom) out.push(i + 1, s);
    }
  }

  /** The ids (indexes into `keywords`) of the keywords ending at a hit with this state. */
  keywordsAt(state: number): Int32Array {
    const k = state - this.firstOutput;
    return this.outs.subarray(this.outStart[k] ?? 0, this.outStart[k + 1] ?? 0);
  }
}

class HitList {
  ends: Int32Array = new Int32Array(32);
  states: Int32Array = new Int32Array(32);
  count = 0;

  push(end: number, state: number): void {
    if (this.count === this.ends.length) {
      this.ends = grow(this.ends);
      this.states = grow(this.states);
    }
    this.ends[this.count] = end;
    this.states[this.count++] = state;
  }

  result(): KeywordHits {
    return { ends: this.ends, states: this.states, count: this.count };
  }

  append(other: HitList): void {
    const total = this.count + other.count;
    while (this.ends.length < total) {
      this.ends = grow(this.ends);
      this.states = grow(this.states);
    }
    this.ends.set(other.ends.subarray(0, other.count), this.count);
    this.states.set(other.states.subarray(0, other.count), this.count);
    this.count = total;
  }
}

interface Trie {
  /** next[state][class] after failure links are folded in (a full DFA). */
  next: number[][];
  /** keyword ids ending in each state, including those reached through failure links. */
  output: number[][];
}

function buildTrie(keywords: ReadonlyArray<readonly number[]>, classOf: Uint8Array, classes: number): Trie {
  const goto: Array<Map<number, number>> = [new Map()];
  const output: number[][] = [[]];
  keywords.forEach((bytes, id) => {
    let s = 0;
    for (const b of bytes) {
      const c = classOf[b] ?? 0;
      let t = goto[s]?.get(c);
      if (t === undefined) {
        t = goto.length;
        goto.push(new Map());
        output.push([]);
        goto[s]?.set(c, t);
      }
      s = t;
    }
    if (bytes.length > 0) output[s]?.push(id);
  });
  const next: number[][] = goto.map(() => new Array<number>(classes).fill(0));
  const fail = new Array<number>(goto.length).fill(0);
  const queue: number[] = [];
  for (let c = 0; c < classes; c++) {
    const t = goto[0]?.get(c);
    if (t !== undefined) {
      (next[0] as number[])[c] = t;
      queue.push(t);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] ?? 0;
    const f = fail[s] ?? 0;
    output[s]?.push(...(output[f] ?? []));
    for (let c = 0; c < classes; c++) {
      const t = goto[s]?.get(c);
      const viaFail = next[f]?.[c] ?? 0;
      if (t === undefined) {
        (next[s] as number[])[c] = viaFail;
      } else {
        (next[s] as number[])[c] = t;
        fail[t] = viaFail;
        queue.push(t);
      }
    }
  }
  return { next, output };
}

/** New numbers: states without output first (root stays 0), then the output states. */
function numberStates(trie: Trie): { order: number[]; firstOutput: number } {
  const order = new Array<number>(trie.next.length);
  let n = 0;
  trie.output.forEach((o, s) => {
    if (o.length === 0) order[s] = n++;
  });
  const firstOutput = n;
  trie.output.forEach((o, s) => {
    if (o.length > 0) order[s] = n++;
  });
  return { order, firstOutput };
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
