export interface Range {
  start: number;
  end: number;
}

const BEFORE = 60;
const AFTER = 160;

/**
 * A short excerpt of a body around its first match, with the matches inside it re-based to the
 * excerpt. Only the excerpt crosses to the renderer, not the whole body of every hit.
 */
export function searchSnippet(body: string, ranges: Range[]): { text: string; ranges: Range[] } | null {
  const first = ranges[0];
  if (!first) return null;
  let start = Math.max(0, first.start - BEFORE);
  let end = Math.min(body.length, first.end + AFTER);
  // Do not cut a surrogate pair in half at either edge.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(body[start] ?? '')) start -= 1;
  if (end < body.length && /[\uD800-\uDBFF]/.test(body[end - 1] ?? '')) end += 1;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < body.length ? '…' : '';
  const text = `${prefix}${body.slice(start, end).replace(/\s+/g, ' ')}${suffix}`;
  // Whitespace runs collapse above, so map offsets through the same collapse.
  const offset = (i: number): number => prefix.length + body.slice(start, i).replace(/\s+/g, ' ').length;
  const inside = ranges
    .filter((r) => r.start >= start && r.end <= end)
    .map((r) => ({ start: offset(r.start), end: offset(r.end) }))
    .filter((r) => r.end > r.start);
  return { text, ranges: inside };
}
