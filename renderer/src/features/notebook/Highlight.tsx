import type { ReactElement, ReactNode } from 'react';

export interface Range {
  start: number;
  end: number;
}

/** Text with search matches wrapped in <mark>; overlapping ranges are merged. */
export function Highlight({ text, ranges }: { text: string; ranges: Range[] }): ReactElement {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const r of sorted) {
    const start = Math.max(r.start, at);
    if (r.end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, r.end)}</mark>);
    at = r.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
