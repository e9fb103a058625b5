/**
 * The `code` of a thrown value: an OS errno name (ENOENT, EROFS…) or a TikhoError's code; undefined
 * for anything else. One definition, so "what failed" reads the same in every service's report.
 */
export function errnoOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = err.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
