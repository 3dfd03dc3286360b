import { InvalidVersionError, type VersionScheme } from './scheme.js';

// PLACEHOLDER — being implemented; every call throws.
function unimplemented(v: string): never {
  throw new InvalidVersionError('deb', v, 'scheme not implemented yet');
}

export const debScheme: VersionScheme<string> = {
  id: 'deb',
  aliases: [],
  parse: unimplemented,
  compareParsed: (a) => unimplemented(a),
  compare: (a) => unimplemented(a),
};
