/** Zod issues as `path: message` texts, every bad field at once. */
export function issueLines(issues: ReadonlyArray<{ readonly path: readonly PropertyKey[]; readonly message: string }>, prefix = ''): string[] {
  return issues.map((i) => `${[prefix, ...i.path.map(String)].filter((p) => p !== '').join('.') || '(top level)'}: ${i.message}`);
}
