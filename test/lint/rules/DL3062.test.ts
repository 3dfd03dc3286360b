import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { spanOf, spansOf } from './package-helper.js';

const df = (...lines: string[]): string => `FROM golang:1.23\n${lines.join('\n')}\n`;

describe('DL3062 pin versions in go', () => {
  it.each([
    ['go install without version', df('RUN go install example.com/pkg'), ['example.com/pkg']],
    ['@latest', df('RUN go install golang.org/x/tools/gopls@latest'), ['golang.org/x/tools/gopls@latest']],
    ['@upgrade', df('RUN go get example.com/pkg@upgrade'), ['example.com/pkg@upgrade']],
    ['go get -tool', df('RUN go get -tool foobar'), ['foobar']],
    ['go run', df('RUN go run example.com/gen@latest -out x'), ['example.com/gen@latest']],
    ['after value-taking flags', df(`RUN go install -ldflags '-s -w' -tags netgo example.com/cmd/x`), ['example.com/cmd/x']],
    ['the unpinned one of several', df('RUN go install a.io/x@v1.0.0 b.io/y'), ['b.io/y']],
    ['in a heredoc', df('RUN <<EOF', 'go install github.com/x/y', 'EOF'), ['github.com/x/y']],
  ])('catches %s', async (_name, text, needles) => {
    expect(await spansOf('DL3062', text)).toEqual(needles.map((n) => spanOf(text, n)));
  });

  it.each([
    ['a version', df('RUN go install example.com/pkg@v1.2.3 && go get example.com/x@v0.1.0')],
    ['a commit', df('RUN go install example.com/pkg@4f3c2a1')],
    ['local paths', df('RUN go install . ./cmd/... /go/src/app && go run ./tools/gen')],
    ['go run of files', df('RUN go run main.go util.go')],
    ['go run arguments are the program’s', df('RUN go run example.com/pkg@v1.2.3 --foo bar baz')],
    ['-o value', df('RUN go install -o /bin/x ./cmd/x')],
    ['meta packages', df('RUN go install std && go get all')],
    ['go build and go mod', df('RUN go build ./... && go mod download')],
    ['packages only known at build time', df('RUN go install "$PKG" example.com/x@${VERSION}')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3062', text)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3062', df('RUN go install example.com/pkg'));
    expect(f?.level).toBe('warning');
    expect(f?.message).toBe('Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`');
  });
});
