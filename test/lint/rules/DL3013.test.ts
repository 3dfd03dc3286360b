import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helper.js';
import { spanOf, spansOf } from './package-helper.js';

const df = (...lines: string[]): string => `FROM python:3.12-slim\n${lines.join('\n')}\n`;

describe('DL3013 pin versions in pip', () => {
  it.each([
    ['pip', df('RUN pip install --no-cache-dir flask'), ['flask']],
    ['pip3.12 with the unpinned one of several', df('RUN pip3.12 install --no-cache-dir requests==2.32.3 urllib3'), ['urllib3']],
    ['python -m pip', df('RUN python3 -m pip install --no-cache-dir black'), ['black']],
    ['python -u -m pip', df('RUN python -u -m pip install --no-cache-dir ruff'), ['ruff']],
    ['pipx', df('RUN pipx install poetry'), ['poetry']],
    ['--upgrade pip', df('RUN pip install --no-cache-dir --upgrade pip setuptools==70.0.0'), [['pip', 2]]],
    ['a VCS URL without revision', df('RUN pip install --no-cache-dir git+https://github.com/org/lib.git#egg=lib'), ['git+https://github.com/org/lib.git#egg=lib']],
    ['a VCS URL whose only @ is the user', df('RUN pip install --no-cache-dir git+ssh://git@github.com/org/lib.git'), ['git+ssh://git@github.com/org/lib.git']],
    ['after -r, other packages', df('RUN pip install --no-cache-dir -r requirements.txt gunicorn'), ['gunicorn']],
    ['option values with =', df('RUN pip install --no-cache-dir --root-user-action=ignore mypkg'), ['mypkg']],
    ['through sudo -H', df('RUN sudo -H pip install --no-cache-dir httpie'), ['httpie']],
    ['in sh -c', df(`RUN sh -c "pip install --no-cache-dir rich"`), ['rich']],
    ['in a heredoc', df('RUN <<EOF', 'pip install --no-cache-dir numpy', 'EOF'), ['numpy']],
    ['in an ONBUILD trigger', df('ONBUILD RUN pip install --no-cache-dir -i https://pypi.example/simple pandas'), ['pandas']],
  ] as Array<[string, string, Array<string | [string, number]>]>)('catches %s', async (_name, text, needles) => {
    const expected = needles.map((n) => (typeof n === 'string' ? spanOf(text, n) : spanOf(text, n[0], n[1])));
    expect(await spansOf('DL3013', text)).toEqual(expected);
  });

  it.each([
    ['==', df('RUN pip install --no-cache-dir flask==3.0.3')],
    ['other specifiers', df(`RUN pip install --no-cache-dir 'a>=1' 'b<2' 'c!=3' d~=4 e===5`)],
    ['extras with a pin', df(`RUN pip install --no-cache-dir 'uvicorn[standard]==0.30.1'`)],
    ['requirement files', df('RUN pip install --no-cache-dir -r requirements.txt --requirement dev.txt -rlocal.txt')],
    ['the local project', df('RUN pip install --no-cache-dir . && pip install --no-cache-dir -e ./lib && pip install --no-cache-dir foo/bar')],
    ['wheels and archives', df('RUN pip install --no-cache-dir /wheels/app-1.0-py3-none-any.whl dist/app.tar.gz app.zip')],
    ['URLs', df('RUN pip install --no-cache-dir https://example.com/pkg.zip')],
    ['a VCS URL with a revision', df('RUN pip install --no-cache-dir git+https://github.com/org/lib.git@v1.2#egg=lib git+ssh://git@github.com/org/x.git@abc123')],
    ['a direct reference', df('RUN pip install --no-cache-dir lib@git+https://github.com/org/lib.git@v1.2')],
    ['a constraints file', df('RUN pip install --no-cache-dir -c constraints.txt flask && pip install --constraint=c.txt rich')],
    ['option values', df('RUN pip install --no-cache-dir --target /opt/x --prefix /p -i https://idx --trusted-host idx --root-user-action ignore x==1')],
    ['pipx --python value', df('RUN pipx install --python "$(which python)" "poetry==1.8.5"')],
    ['pipenv', df('RUN pipenv install black')],
    ['other pip subcommands', df('RUN pip download flask && pip wheel flask && pip uninstall -y flask')],
    ['python running a script', df('RUN python -c "import pip" && python setup.py install')],
    ['packages only known at build time', df('ARG PKG', 'RUN pip install --no-cache-dir "$PKG" ${EXTRA}')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3013', text)).toEqual([]);
  });

  it('reports Hadolint’s level and message', async () => {
    const [f] = await findingsOf('DL3013', df('RUN pip install --no-cache-dir x'));
    expect(f?.level).toBe('warning');
    expect(f?.message).toBe('Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`');
  });
});
