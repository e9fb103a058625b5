/**
 * The renderer's Content-Security-Policy (docs/architecture.md §Hardening; Electron security checklist #7). Sent as a
 * response header by the app:// protocol and the harness, and repeated as a <meta> tag in
 * index.html. `frame-ancestors` is only honoured in the header, so the meta form leaves it out.
 */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'none'"],
  ['media-src', "'none'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['worker-src', "'none'"],
  ['manifest-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export function buildCsp(overrides: Readonly<Record<string, string>> = {}, forMeta = false): string {
  return DIRECTIVES.filter(([name]) => !(forMeta && name === 'frame-ancestors'))
    .map(([name, value]) => `${name} ${overrides[name] ?? value}`)
    .join('; ');
}

export const CSP = buildCsp();
export const CSP_META = buildCsp({}, true);

/**
 * sha256 of the one inline script `npm run dev` needs: @vitejs/plugin-react's refresh preamble
 * (its `preambleCode` with base "/"). Pinned here rather than computed so main and the meta tag
 * agree without shipping the plugin; tests/unit/shared/devCsp.test.ts fails when the plugin
 * changes it.
 */
export const DEV_REACT_PREAMBLE_SHA256 = 'Z2/iFzh9VMlVkEOar1f/oSHWwQk3ve1qk/C2WdsC4Xk=';

/**
 * Development only (`npm run dev`, never a build): Vite's dev server injects inline styles, talks
 * HMR over a WebSocket, and React refresh needs its preamble script, allowed by hash alone.
 */
export const DEV_CSP_OVERRIDES: Readonly<Record<string, string>> = {
  'script-src': `'self' 'sha256-${DEV_REACT_PREAMBLE_SHA256}'`,
  'style-src': "'self' 'unsafe-inline'",
  'connect-src': "'self' ws:",
};
