import type { ReactElement } from 'react';
import type { Section } from '../app/sections';

/** Simple line icons drawn inline: no icon font, nothing fetched. */
const PATHS: Record<Section | 'lock' | 'logo', string> = {
  notebook: 'M6 3h11a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H6zM6 3v18M9 8h7M9 12h7',
  contact: 'M4 5h16v11H8l-4 4zM8 9h8M8 12h5',
  channel: 'M12 3l7 3v5c0 5-3 8-7 10-4-2-7-5-7-10V6zM9 12l2 2 4-4',
  checklist: 'M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2',
  panic: 'M12 3l9 16H3zM12 10v4M12 17v.5',
  settings:
    'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4',
  lock: 'M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5zM12 15v2',
  logo: 'M4 14c2-2 4-2 6 0s4 2 6 0 3-2 4-1M4 9c2-2 4-2 6 0s4 2 6 0 3-2 4-1',
};

export function Icon({ name }: { name: keyof typeof PATHS }): ReactElement {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
