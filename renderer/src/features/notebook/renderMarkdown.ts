import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * Markdown → HTML that cannot reach the network or navigate:
 * - markdown-it with `html: false`, so raw HTML in a note is shown as text;
 * - DOMPurify on the result, then a hook that drops every <img> whose source is not an inline
 *   data: image (no remote images, no tracking pixels) and turns every link into a non-navigating
 *   button that carries its address in data-href (the screen offers to copy it instead).
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'img' || !(node instanceof Element)) return;
    const src = node.getAttribute('src') ?? '';
    if (!/^data:image\/(png|jpeg|gif|webp);/i.test(src)) node.remove();
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href');
    node.removeAttribute('href');
    node.removeAttribute('target');
    if (href) {
      node.setAttribute('data-href', href);
      node.setAttribute('role', 'button');
      node.setAttribute('tabindex', '0');
    }
  });
}

export function renderMarkdown(source: string): string {
  installHooks();
  return DOMPurify.sanitize(md.render(source), {
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'iframe',
      'object',
      'embed',
      'link',
      'meta',
      'svg',
      'math',
    ],
    FORBID_ATTR: ['style', 'srcset'],
  });
}
