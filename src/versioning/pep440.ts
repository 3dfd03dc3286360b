import { InvalidVersionError, type VersionScheme } from './scheme.js';

// PLACEHOLDER — being implemented; every call throws.
function unimplemented(v: string): never {
  throw new InvalidVersionError('pep440', v, 'scheme not implemented yet');
}

export const pep440Scheme: VersionScheme<string> = {
  id: 'pep440',
  aliases: [],
  parse: unimplemented,
  compareParsed: (a) => unimplemented(a),
  compare: (a) => unimplemented(a),
};
