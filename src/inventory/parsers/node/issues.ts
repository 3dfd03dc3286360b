/** zod issues as unknown reasons: `where: path.to.field: message` (messages never quote values). */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

export function issueReasons(where: string, issues: readonly IssueLike[]): string[] {
  return issues.map((i) => {
    const path = i.path.map(String).join('.');
    return `${where}${path === '' ? '' : `: ${path}`}: ${i.message}`;
  });
}
