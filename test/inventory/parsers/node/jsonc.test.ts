import { describe, expect, it } from 'vitest';
import { jsoncToJson } from '../../../../src/inventory/parsers/node/jsonc.js';

describe('JSONC to JSON', () => {
  it('drops comments and trailing commas, leaves strings alone', () => {
    const text = '{\n  // comment, with "quotes"\n  "a": "x // not a comment, /* nor this */",\n  "b": [1, 2, /* c */ ],\n  "c": {"d": "e,}",},\n}';
    expect(JSON.parse(jsoncToJson(text))).toEqual({ a: 'x // not a comment, /* nor this */', b: [1, 2], c: { d: 'e,}' } });
  });

  it('handles escaped quotes, unterminated comments and a comment before a closing brace', () => {
    expect(JSON.parse(jsoncToJson('{"a": "q\\"//", "b": 1, // end\n}'))).toEqual({ a: 'q"//', b: 1 });
    expect(() => JSON.parse(jsoncToJson('{"a": 1 /* open'))).toThrow();
  });

  it('is linear on long inputs', () => {
    const big = `[${'1, '.repeat(200_000)}]`;
    const t = performance.now();
    expect(JSON.parse(jsoncToJson(big))).toHaveLength(200_000);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
