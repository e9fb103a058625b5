import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { buildCsp, CSP_META, DEV_CSP_OVERRIDES } from './shared/csp';

/**
 * One CSP for every build: the meta tag is written from shared/csp.ts. Vite's dev server injects
 * inline styles and talks HMR over a WebSocket, so dev alone relaxes exactly those two.
 */
function cspMeta(): Plugin {
  let dev = false;
  return {
    name: 'tikho-csp-meta',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const policy = dev ? buildCsp(DEV_CSP_OVERRIDES, true) : CSP_META;
      return html.replace('%TIKHO_CSP%', policy);
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ESM or several files: one self-contained CJS bundle.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      sourcemap: false,
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
