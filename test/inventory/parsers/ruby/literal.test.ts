import { describe, expect, it } from 'vitest';
import { readRubyLiteral } from '../../../../src/inventory/parsers/ruby/literal.js';

describe('readRubyLiteral', () => {
  it.each([
    ['"rake".freeze', 'rake'],
    ["'it''s'", 'it'],
    ['"a\\"b\\n"', 'a"b\n'],
    ["'a\\'b\\n'", "a'b\\n"],
    ['%q{nokogiri}', 'nokogiri'],
    ['%q<racc>.freeze', 'racc'],
    ['%Q(x\\ty)', 'x\ty'],
    ['%q[y]', 'y'],
    ['Gem::Version.new("1.2.3")', '1.2.3'],
    ['Gem::Version.new "1.2.3".freeze', '1.2.3'],
    ['["MIT".freeze, "Ruby".freeze]', ['MIT', 'Ruby']],
    ['[ ]', []],
  ])('%s', (src, value) => {
    expect(readRubyLiteral(src, 0)?.value).toEqual(value);
  });

  it.each(['VERSION', '"a#{b}"', '"unterminated', '["a", B]', '["a" "b"]', 'Gem::Version.new(V)', '%w[a b]', '"line\nbreak"'])('does not evaluate %j', (src) => {
    expect(readRubyLiteral(src, 0)).toBeUndefined();
  });

  it('reports where the literal ends', () => {
    expect(readRubyLiteral('  "x".freeze if s.respond_to?', 0)?.end).toBe(12);
  });
});
