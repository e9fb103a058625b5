import path from 'node:path';

/** A file name the OS save dialog can offer: no folders, no control characters. */
export function safeFileName(name: string, fallback: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = path.basename(name.replace(/[\\/]/g, '_')).replace(/[\u0000-\u001f<>:"|?*]/g, '_');
  return cleaned.trim().length > 0 && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}
