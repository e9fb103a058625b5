import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const SERVER = resolve(import.meta.dirname, '../fixtures/vault/rawGcmServer.ts');

export interface RawGcmPeer {
  /** One raw AES-256-GCM pass in the peer process, MB/s. */
  measure(): Promise<number>;
  /** The update size the peer found fastest and uses. */
  slice: number;
  close(): void;
}

/** Starts the fresh-process raw AES-GCM peer (see rawGcmServer.ts) and waits until it is ready. */
export async function startRawGcmPeer(mib: number): Promise<RawGcmPeer> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, String(mib)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const r = await lines.next();
    if (r.done) throw new Error('raw AES-GCM peer exited');
    return String(r.value);
  };
  const ready = (await next()).split(' ');
  if (ready[0] !== 'ready') throw new Error('raw AES-GCM peer did not start');
  const slice = Number(ready[1]);
  return {
    slice,
    async measure() {
      child.stdin.write('go\n');
      const mbps = Number(await next());
      if (!Number.isFinite(mbps)) throw new Error('raw AES-GCM peer sent no figure');
      return mbps;
    },
    close() {
      child.stdin.end('quit\n');
    },
  };
}
