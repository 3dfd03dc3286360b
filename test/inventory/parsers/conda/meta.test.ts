import { describe, expect, it } from 'vitest';
import { channelName, packageFileType, parseCondaMeta } from '../../../../src/inventory/parsers/conda/meta.js';

describe('conda-meta records', () => {
  it.each([
    ['https://repo.anaconda.com/pkgs/main/linux-64', 'linux-64', 'main'],
    ['https://conda.anaconda.org/conda-forge/noarch/', 'noarch', 'conda-forge'],
    ['conda-forge', 'linux-64', 'conda-forge'],
    ['https://mirror.example.org/conda/internal/linux-64', 'linux-64', 'https://mirror.example.org/conda/internal'],
  ])('channel %s → %s', (channel, subdir, name) => {
    expect(channelName(channel, subdir)).toBe(name);
  });

  it('knows both package file types', () => {
    expect([packageFileType('a-1-0.conda'), packageFileType('a-1-0.tar.bz2'), packageFileType('a'), packageFileType(undefined)]).toEqual(['conda', 'tar.bz2', undefined, undefined]);
  });

  it('takes dependency names from match specs and accepts null channel fields', () => {
    const got = parseCondaMeta({ name: 'numpy', version: '1.26.4', channel: null, license: null, depends: ['python >=3.12,<3.13.0a0', 'libblas  3.9.0 20_linux64_openblas', 'python_abi 3.12.* *_cp312'] });
    expect(got.pkg).toEqual({ name: 'numpy', version: '1.26.4', depends: ['python', 'libblas', 'python_abi'], files: [] });
  });
});
