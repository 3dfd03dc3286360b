import { describe, expect, it } from 'vitest';
import { dockerfile } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

describe('DD010 download piped to a shell', () => {
  it.each([
    ['curl | sh', 'RUN curl -fsSL https://get.example.sh | sh', 'curl … | sh'],
    ['curl | sh -s with options', 'RUN curl --proto "=https" -sSf https://sh.rustup.rs | sh -s -- -y', 'curl … | sh'],
    ['wget -O- | bash', 'RUN wget -O- https://example.com/install.sh | bash', 'wget … | bash'],
    ['wget -qO- | sudo bash', 'RUN wget -qO- https://example.com/i.sh | sudo -E bash -', 'wget … | bash'],
    ['curl -o - | sh', 'RUN curl -o - https://example.com/i.sh | sh', 'curl … | sh'],
    ['through tee', 'RUN curl -fsSL https://example.com/i.sh | tee /tmp/i.sh | bash', 'curl … | bash'],
    ['a Python installer', 'RUN curl -sSL https://install.python-poetry.org | python3 -', 'curl … | python3'],
    ['process substitution', 'RUN bash <(curl -fsSL https://example.com/i.sh)', 'bash <(curl …)'],
    ['command substitution', 'RUN sh -c "$(curl -fsSL https://example.com/i.sh)"', 'sh "$(curl …)'],
    ['eval of a download', 'RUN eval "$(wget -qO- https://example.com/env.sh)"', 'eval "$(wget …)'],
    ['source of a download', 'RUN . <(curl -s https://example.com/env.sh)', '. <(curl …)'],
    ['inside sh -c', `RUN sh -c 'curl -fsSL https://example.com/i.sh | sh'`, 'curl … | sh'],
    ['in a heredoc', 'RUN <<EOF\nset -e\ncurl -fsSL https://example.com/i.sh | bash\nEOF', 'curl … | bash'],
    ['after other commands', 'RUN apt-get update && curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs', 'curl … | bash'],
  ])('catches %s', async (_name, line, form) => {
    const f = await findingsOf('DD010', dockerfile('FROM debian:12', line));
    expect(f).toHaveLength(1);
    expect(f[0]?.level).toBe('warning');
    expect(f[0]?.message).toBe(`Downloaded script executed without verification (${form}): download it to a file, check its checksum or signature, then run it`);
  });

  it('points at the download through the shell', async () => {
    const f = await findingsOf('DD010', dockerfile('FROM debian:12', 'RUN set -e; \\', '  curl -fsSL https://x.example/i.sh \\', '    | sh', 'ONBUILD RUN bash <(curl -s https://x.example/j)'));
    expect(f.map((x) => [x.line, x.column, x.endLine, x.endColumn])).toEqual([
      [3, 3, 4, 9],
      [5, 13, 5, 48],
    ]);
  });

  it.each([
    ['a download to a file', 'RUN curl -fsSLo /tmp/i.sh https://example.com/i.sh && sh /tmp/i.sh'],
    ['curl -O', 'RUN curl -O https://example.com/i.sh | tee log && sh i.sh'],
    ['wget to a file', 'RUN wget https://example.com/i.sh | cat && bash i.sh'],
    ['a download piped to tar', 'RUN curl -fsSL https://example.com/x.tgz | tar -xz -C /opt'],
    ['a download piped to a checksum', 'RUN curl -fsSL https://example.com/i.sh | sha256sum'],
    ['a shell running a file', 'RUN curl -fsSL https://example.com/data | bash /opt/process.sh'],
    ['sh -c with a fixed script', `RUN curl -fsSL https://example.com/data | sh -c 'cat > /tmp/data'`],
    ['a substitution used as data', 'RUN sh -c "echo $(curl -fsSL https://example.com/version)"'],
    ['a download in an unrelated pipeline', 'RUN curl -fsSL https://example.com/a > a; echo ok | sh'],
    ['python reading a script file', 'RUN curl -fsSL https://example.com/x | python3 /app/parse.py'],
  ])('does not flag %s', async (_name, line) => {
    expect(await findingsOf('DD010', dockerfile('FROM debian:12', line))).toEqual([]);
  });
});
