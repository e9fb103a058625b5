import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The fuse wire as Electron's binaries carry it (electron/fuses src/constants.ts, index.ts): the
 * sentinel, a version byte (1), a length byte, then one ASCII byte per fuse: '0' off, '1' on,
 * 'r' removed. Written here from that layout, not imported, so a change upstream is noticed.
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Electron 45's nine fuses as shipped (docs/tutorial/fuses.md): RunAsNode on, cookie encryption
 * off, NODE_OPTIONS on, --inspect on, ASAR integrity off, only-app.asar off, browser V8 snapshot
 * off, file:// extra privileges on, Wasm trap handlers on.
 */
export const ELECTRON_45_DEFAULT_WIRE = '101100011';

/**
 * An Electron "dist" folder electron-builder can package offline (-c.electronDist): no real
 * Chromium, but an `electron` executable with a real fuse wire buried in random bytes.
 */
export function writeStandInElectronDist(dir: string, version: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const wire = Buffer.from(ELECTRON_45_DEFAULT_WIRE, 'ascii');
  const binary = Buffer.concat([
    randomBytes(64 * 1024),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, wire.length]),
    wire,
    randomBytes(64 * 1024),
  ]);
  fs.writeFileSync(path.join(dir, 'electron'), binary, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), version);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT (stand-in)');
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
}

/** Reads the wire back by the same layout, independent of @electron/fuses. */
export function readFuseWire(file: string): { version: number; wire: string; sentinels: number } {
  const bytes = fs.readFileSync(file);
  const sentinel = Buffer.from(FUSE_SENTINEL, 'ascii');
  const at = bytes.indexOf(sentinel);
  if (at < 0) throw new Error('no fuse sentinel');
  let sentinels = 0;
  for (let i = at; i >= 0; i = bytes.indexOf(sentinel, i + 1)) sentinels += 1;
  const version = bytes[at + sentinel.length] ?? -1;
  const length = bytes[at + sentinel.length + 1] ?? 0;
  const start = at + sentinel.length + 2;
  return { version, wire: bytes.subarray(start, start + length).toString('ascii'), sentinels };
}
