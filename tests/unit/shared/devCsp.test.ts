import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { createServer } from 'vite';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import config from '../../../electron.vite.config';
import { buildCsp, CSP, CSP_META, DEV_CSP_OVERRIDES, DEV_REACT_PREAMBLE_SHA256 } from '../../../shared/csp';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function scriptSrc(policy: string): string {
  return policy.split('; ').find((d) => d.startsWith('script-src ')) ?? '';
}

/** The renderer's tikho-csp-meta plugin, run as `vite serve` (dev) or `vite build` would run it. */
function metaPolicy(command: 'serve' | 'build'): string {
  const renderer = config.renderer as { plugins: unknown[] };
  const plugin = renderer.plugins
    .flat()
    .find((p) => (p as Plugin | null)?.name === 'tikho-csp-meta') as Plugin;
  (plugin.configResolved as (c: { command: string }) => void)({ command });
  return (plugin.transformIndexHtml as (html: string) => string)('%TIKHO_CSP%');
}

describe('the development CSP allows exactly the React refresh preamble', () => {
  it('pins the hash of the preamble @vitejs/plugin-react injects', () => {
    const preamble = react.preambleCode.replace('__BASE__', '/');
    expect(createHash('sha256').update(preamble).digest('base64')).toBe(DEV_REACT_PREAMBLE_SHA256);
  });

  it('matches the inline script the dev server really writes into index.html', async () => {
    const server = await createServer({
      configFile: false,
      root: path.join(ROOT, 'renderer'),
      plugins: [react()],
      server: { middlewareMode: true, ws: false },
      logLevel: 'silent',
    });
    try {
      const html = await server.transformIndexHtml('/index.html', '<html><head></head><body></body></html>');
      const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
      expect(inline).toHaveLength(1);
      expect(
        createHash('sha256')
          .update(inline[0] ?? '')
          .digest('base64'),
      ).toBe(DEV_REACT_PREAMBLE_SHA256);
    } finally {
      await server.close();
    }
  });

  it('adds that one hash to script-src in development, and nothing like unsafe-inline', () => {
    const dev = scriptSrc(buildCsp(DEV_CSP_OVERRIDES));
    expect(dev).toBe(`script-src 'self' 'sha256-${DEV_REACT_PREAMBLE_SHA256}'`);
    expect(scriptSrc(metaPolicy('serve'))).toBe(dev);
  });

  it('never allows it in production: the header, the meta tag and the built index.html', () => {
    for (const policy of [CSP, CSP_META, metaPolicy('build')])
      expect(scriptSrc(policy)).toBe("script-src 'self'");
    const built = path.join(ROOT, 'out/renderer/index.html');
    if (!fs.existsSync(built))
      throw new Error('out/renderer/index.html is missing: run `npm run build` first');
    const html = fs.readFileSync(built, 'utf8');
    expect(html).toContain(CSP_META);
    expect(html).not.toContain('sha256-');
  });
});
