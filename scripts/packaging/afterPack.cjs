// Flips Electron's fuses in the packaged binary (design §3; Electron security checklist #19).
// Runs as electron-builder's afterPack hook. @electron/fuses 2 is ESM: loaded with require(esm)
// (Node 20.19+ / 22.12+). strictlyRequireAllFuses: a fuse added by a future
// Electron fails the build until someone decides its value.
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the app into a general-purpose Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload code into main, where the keys live.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let anyone on the machine attach a debugger to main.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file:// needs none of its extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Kept on (Electron's default): V8 then bounds-checks WebAssembly memory with guard pages and a
  // signal handler, the path Chrome ships and fuzzes. Turning it off swaps in explicit checks,
  // which is slower and no safer; no untrusted Wasm runs here anyway (the renderer's CSP has no
  // 'wasm-unsafe-eval', and main loads only our own bundle).
  [FuseV1Options.WasmTrapHandlers]: true,
};

function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  await flipFuses(electronBinary(context), {
    ...FUSES,
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3,
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
