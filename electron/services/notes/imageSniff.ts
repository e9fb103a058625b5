/**
 * The image formats the notebook previews, recognised by their first bytes rather than by the
 * name or type the renderer reported. SVG is deliberately absent: it is a document that can carry
 * scripts and remote references, not a picture.
 */
export type PreviewMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export const PREVIEW_MIMES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export function sniffImage(bytes: Uint8Array): PreviewMime | null {
  const at = (i: number): number => bytes[i] ?? -1;
  const ascii = (from: number, text: string): boolean =>
    [...text].every((c, i) => at(from + i) === c.charCodeAt(0));
  if (at(0) === 0x89 && ascii(1, 'PNG') && at(4) === 0x0d && at(5) === 0x0a) return 'image/png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return null;
}
