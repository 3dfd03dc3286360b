/** Package descriptors as yarn and bun write them: `name@range`, `@scope/name@npm:real@1.0.0`. */

/** `@scope/name@range` → ['@scope/name', 'range']. */
export function splitDescriptor(descriptor: string): [string, string] {
  const at = descriptor.indexOf('@', 1);
  return at < 0 ? [descriptor, ''] : [descriptor.slice(0, at), descriptor.slice(at + 1)];
}

/** The package an `npm:real-name@range` alias really installs. */
export function aliasTarget(range: string): string | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const spec = range.slice(4);
  const at = spec.lastIndexOf('@');
  return at > 0 ? spec.slice(0, at) : undefined;
}
