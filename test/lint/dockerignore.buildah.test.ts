/**
 * Differential test of src/lint/dockerignore.ts against a real builder: for each .dockerignore
 * variant, buildah builds `FROM scratch` + `COPY . /ctx/` from a context of a few hundred files and
 * we compare every entry of the resulting layer with what our matcher predicts BuildKit sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDockerignore } from '../../src/lint/dockerignore.js';
import { allEntries, buildahContext, predictContext, startBuildah, stopBuildah, type BuildahRun } from './dockerignore-buildah-harness.js';

/** name → .dockerignore text. Covers comments, trimming, `!`, `**`, classes, escapes, leading `/`, `./`. */
const VARIANTS: Record<string, string> = {
  'empty file': '',
  'comments and blank lines only': '# comment\n\n   \n\t\n#node_modules\n#*\n',
  'top-level dir': 'node_modules\n',
  'dir at any depth': '**/node_modules\n',
  'top-level glob': '*.md\n',
  'glob at any depth': '**/*.md\n',
  'dir/** keeps the dir itself': 'docs/**\n',
  'middle **': 'docs/**/*.md\n',
  '** inside a name': 'logs/**/app.log\n',
  'secrets': '.git\n.env*\n!.env.example\n**/*.pem\n**/id_rsa*\n',
  'everything but src': '*\n!src\n',
  'leading slash and ./': '/node_modules\n./docs\n/keys/\n',
  'trailing slash': 'src/\nlogs/2024/\n',
  'test files anywhere': '**/*.test.js\n**/*_test.go\n',
  'log files two ways': '*.log\n**/*.log\n',
  'literal re-include under excluded dir': 'logs\n!logs/keep.log\n',
  'dir/* with a dir re-included': 'logs/*\n!logs/2024\n',
  'character class': '[brackets].txt\n',
  'escaped brackets': '\\[brackets\\].txt\na\\[1\\].log\n',
  'escaped wildcard characters': 'q\\?mark.txt\nstar\\*.txt\nback\\\\slash.txt\n',
  'spaces in names': 'my file.txt\ndir with space/sub dir\n',
  'single-character wildcard': '?.txt\nuni-?.txt\n',
  'ranges and negated classes': '[a-c]*.md\n[^a-z]*\ngen/d0[0-4]\n',
  'exclude everything but README': '**\n!README.md\n',
  'one level of directories': '*/*.js\n*/*/*.md\n',
  'fixed depth wildcard': 'src/*/util\n*/f.txt\n',
  'keys with a wildcard exception': 'keys\n!keys/*.pub\n',
  'pem anywhere but one re-included': '**/*.pem\n!keys/certs/ca.pem\n',
  'whitespace around patterns': '  node_modules  \t\n\tdocs\n   *.log\n',
  'CRLF line endings': 'node_modules\r\n*.md\r\n!README.md\r\n',
  'UTF-8 BOM': '\uFEFFnode_modules\n.git\n',
  'later lines win': '*.md\n!README.md\nREADME.md\n',
  'exception then narrower exclusion': 'docs\n!docs/sub\ndocs/sub/c.md\n',
  'any-depth dir content': '**/sub/**\n',
  'prefix ** with literal exception': 'node_modules/**\n!node_modules/pkg/index.js\n',
  'exception without an exclusion': '!README.md\n',
  'hash not at line start is a pattern': ' #notes.txt\n',
  'hidden files anywhere': '**/.*\n',
  'dot-git anywhere': '**/.git\n.git/**\n',
  'exact deep file': 'gen/d05/f03.dat\ndeep/a/b/c\n',
  'dir pattern at any depth with a literal exception': '**/node_modules\n!deep/a/b/node_modules/keep.js\n',
  'posix and perl classes': '[[:digit:]]x\n\\d\\D\n',
  'double-star suffix form': '**/foo\n',
  'trailing ** on a name': 'foo**\n',
  'parent dir tokens': 'docs/sub/../README.md\nsrc/./app/util\n',
};

/**
 * Where buildah 1.28 (containers/storage's fork of the old docker fileutils, and its own context walk)
 * does not do what BuildKit does: the exact set of entries on which buildah and our BuildKit
 * prediction differ, and why. Any other difference fails the test.
 */
const DIVERGENCES: Record<string, { ignore: string; differ: string[]; why: string }> = {
  'regexp metacharacters': {
    ignore: 'ab+c.txt\nparen(1).txt\npipe|x.txt\n',
    differ: ['buildah+ ab+c.txt', 'buildah+ paren(1).txt', 'buildkit+ abbc.txt', 'buildkit+ paren1.txt', 'buildkit+ starx.txt', 'buildkit+ dir with space/sub dir/x.txt'],
    why: 'moby quotes .+()|{}$; the fork quotes only . and $, so b+ repeats, (1) is a group and | alternates',
  },
  'caret in a name': {
    ignore: 'caret^.txt\n',
    differ: ['buildah+ caret^.txt'],
    why: 'moby compares a wildcard-free pattern as a string; the fork always builds a regexp, where ^ is an anchor',
  },
  'leading ** without a slash': {
    ignore: '**foo\n',
    differ: ['buildah+ barfoo', 'buildah+ x/barfoo'],
    why: 'moby treats a leading ** as "ends with" (barfoo matches); the regexp form needs a whole name',
  },
  'space after !': {
    ignore: '*.md\n! README.md\n',
    differ: ['buildkit+ README.md'],
    why: 'BuildKit trims the pattern after !, buildah keeps " README.md"',
  },
  'space before a leading slash': {
    ignore: ' /node_modules\n',
    differ: ['node_modules/', 'node_modules/.bin/', 'node_modules/.bin/tool', 'node_modules/.cache/', 'node_modules/@scope/', 'node_modules/@scope/pkg/', 'node_modules/@scope/pkg/index.js', 'node_modules/pkg/', 'node_modules/pkg/README.md', 'node_modules/pkg/index.js'].map((e) => `buildah+ ${e}`),
    why: 'BuildKit trims, then drops the leading /; buildah keeps a / that follows a space, so "/node_modules" is absolute and matches nothing',
  },
  'wildcard exception under an excluded directory': {
    ignore: '**/node_modules\n!**/keep.js\n',
    differ: ['buildkit+ deep/a/b/node_modules/', 'buildkit+ deep/a/b/node_modules/keep.js'],
    why: 'BuildKit only skips an excluded directory when every exception is a plain path; buildah skips it unless an exception starts with its path',
  },
  'wildcard re-include of a subtree': {
    ignore: '*\n!src/**/*.go\n',
    differ: ['src/', 'src/app/', 'src/app/main.go', 'src/app/main_test.go', 'src/app/util/', 'src/app/util/x.go'].map((e) => `buildkit+ ${e}`),
    why: 'as above: buildah skips src/app because no exception starts with "src/app"',
  },
  'a pattern repeated after an exception': {
    ignore: 'logs\n!logs/keep.log\nlogs\n',
    differ: ['buildkit+ logs/', 'buildkit+ logs/keep.log'],
    why: 'BuildKit matches with parent results: the third line was skipped for logs/ (already excluded) so it is not remembered as matching it, and on logs/keep.log it is tried on the file alone',
  },
};

describe('.dockerignore matches what a real build sends (buildah)', () => {
  let run: BuildahRun;
  const entries = allEntries();

  beforeAll(() => {
    run = startBuildah();
  });
  afterAll(() => {
    if (run !== undefined) stopBuildah(run);
  });

  it('the context is a few hundred entries', () => {
    expect(entries.length).toBeGreaterThan(250);
  });

  for (const [name, text] of Object.entries(VARIANTS)) {
    it(`agrees on every entry: ${name}`, () => {
      const predicted = predictContext(parseDockerignore(text, name), entries);
      const actual = buildahContext(run, text);
      expect(diff(predicted, actual)).toEqual([]);
    });
  }

  for (const [name, d] of Object.entries(DIVERGENCES)) {
    it(`differs exactly where documented: ${name}`, () => {
      const predicted = predictContext(parseDockerignore(d.ignore, name), entries);
      const actual = buildahContext(run, d.ignore);
      expect(diff(predicted, actual), d.why).toEqual([...d.differ].sort());
    });
  }
});

/** Entries only one side sends: `buildkit+ e` (only our BuildKit prediction) or `buildah+ e` (only buildah). */
function diff(predicted: Set<string>, actual: Set<string>): string[] {
  const out: string[] = [];
  for (const e of predicted) if (!actual.has(e)) out.push(`buildkit+ ${e}`);
  for (const e of actual) if (!predicted.has(e)) out.push(`buildah+ ${e}`);
  return out.sort();
}
