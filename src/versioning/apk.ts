import { InvalidVersionError, type VersionScheme } from './scheme.js';

// PLACEHOLDER — being implemented; every call throws.
function unimplemented(v: string): never {
  throw new InvalidVersionError('apk', v, 'scheme not implemented yet');
}

export const apkScheme: VersionScheme<string> = {
  id: 'apk',
  aliases: [],
  parse: unimplemented,
  compareParsed: (a) => unimplemented(a),
  compare: (a) => unimplemented(a),
};
