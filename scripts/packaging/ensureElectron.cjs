#!/usr/bin/env node
// `npm start` / `npm run dev` run this first. Since Electron 42 the electron package downloads its
// binary on the first `require('electron')`, not in postinstall, and electron-vite 6 reads
// path.txt directly and never triggers it (alex8088/electron-vite#904). So the download is made
// explicit here: electron's own install.js (checksums from the package, cache, mirrors and
// ELECTRON_* variables all as upstream). It is a no-op once the binary is in place, and it is never
// part of `npm ci`, so an offline install still works.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
/* eslint-disable no-console -- a command-line step: its messages are for the developer's terminal. */

function electronDir() {
  return path.dirname(require.resolve('electron/package.json'));
}

function main() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return 0;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.warn('[tikho] ELECTRON_SKIP_BINARY_DOWNLOAD is set: not downloading Electron.');
    return 0;
  }
  const dir = electronDir();
  const { version } = require(path.join(dir, 'package.json'));
  const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    // @electron/get retries on its own; this only stops a connection that hangs for ever.
    timeout: 15 * 60 * 1000,
  });
  if (result.status === 0) return 0;
  const reason = (result.stderr || String(result.error || '')).trim().split('\n')[0];
  console.error(
    [
      '',
      `[tikho] Electron ${version} is not downloaded yet, and the download failed.`,
      `        Reason: ${reason || 'unknown'}`,
      '        The first `npm start` needs the internet once (about 100 MB, checked against the',
      "        checksums in Electron's npm package). Connect and run it again, or set",
      '        ELECTRON_MIRROR to a mirror you trust, or ELECTRON_OVERRIDE_DIST_PATH to an',
      '        Electron folder you already have.',
      '',
    ].join('\n'),
  );
  return 1;
}

process.exitCode = main();
