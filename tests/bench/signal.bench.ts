import * as openpgp from 'openpgp';
import { createChannelService } from '../../electron/services/signal';
import { memoryChannelStorageForTests } from '../../electron/services/signal/epochKeyFile';
import type { ChannelService } from '../../electron/services/signal';
import type { BenchRow, BenchSuite } from './types';

/**
 * The forward-secret channel, measured through the whole service (libsignal + envelope + the
 * record-store transaction, in-memory store), against OpenPGP encrypt/decrypt of the same 1 KB
 * payload with a Curve25519 (v4, GnuPG-compatible) key, armored like our envelope. The PGP peer
 * is encryption only (no signature), so it is the cheaper of the two by construction.
 */
const PAYLOAD = 'Ж'.repeat(512); // 1 KiB of UTF-8
const SETUP_RUNS = 20;
const MESSAGE_RUNS = 300;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function row(metric: string, value: number, peerName: string, peerValue: number): BenchRow {
  return {
    suite: 'signal',
    metric,
    value: Number(value.toFixed(3)),
    unit: 'ms',
    peer: { name: peerName, value: Number(peerValue.toFixed(3)) },
    ratio: Number((value / peerValue).toFixed(2)),
    target: 'report only',
  };
}

export const suite: BenchSuite = {
  name: 'signal',
  async run(): Promise<BenchRow[]> {
    const desk = createChannelService({ ...memoryChannelStorageForTests(), role: 'desk' });
    const bundle = await desk.exportBundle();

    // Session setup: a new user identity, PQXDH from the bundle, first message opened at the desk.
    const setup: number[] = [];
    const pgpKeygen: number[] = [];
    for (let i = 0; i < SETUP_RUNS; i += 1) {
      setup.push(
        await time(async () => {
          const user = createChannelService({ ...memoryChannelStorageForTests(), role: 'user' });
          const thread = await user.startSession(bundle);
          await desk.receive((await user.send(thread.threadId, 'hi')).envelope);
        }),
      );
      pgpKeygen.push(
        await time(() =>
          openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'bench' }], format: 'object' }),
        ),
      );
    }

    const user: ChannelService = createChannelService({ ...memoryChannelStorageForTests(), role: 'user' });
    const thread = await user.startSession(bundle);
    await desk.receive((await user.send(thread.threadId, 'warm-up')).envelope);
    const encrypt: number[] = [];
    const envelopes: string[] = [];
    for (let i = 0; i < MESSAGE_RUNS; i += 1) {
      encrypt.push(
        await time(async () => {
          envelopes.push((await user.send(thread.threadId, PAYLOAD)).envelope);
        }),
      );
    }
    const decrypt: number[] = [];
    for (const envelope of envelopes) {
      decrypt.push(await time(() => desk.receive(envelope)));
    }

    const { privateKey, publicKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'bench' }],
      format: 'object',
    });
    const pgpEncrypt: number[] = [];
    const pgpArmored: string[] = [];
    for (let i = 0; i < MESSAGE_RUNS; i += 1) {
      pgpEncrypt.push(
        await time(async () => {
          const message = await openpgp.createMessage({ text: PAYLOAD });
          pgpArmored.push(await openpgp.encrypt({ message, encryptionKeys: publicKey }));
        }),
      );
    }
    const pgpDecrypt: number[] = [];
    for (const armored of pgpArmored) {
      pgpDecrypt.push(
        await time(async () => {
          const message = await openpgp.readMessage({ armoredMessage: armored });
          await openpgp.decrypt({ message, decryptionKeys: privateKey });
        }),
      );
    }

    const pgp = 'openpgp 6.3 curve25519 (v4)';
    return [
      row('session setup p50 (user keys + PQXDH + first message opened)', percentile(setup, 50), `${pgp} key generation`, percentile(pgpKeygen, 50)),
      row('encrypt 1 KB p50', percentile(encrypt, 50), `${pgp} encrypt`, percentile(pgpEncrypt, 50)),
      row('encrypt 1 KB p99', percentile(encrypt, 99), `${pgp} encrypt`, percentile(pgpEncrypt, 99)),
      row('decrypt 1 KB p50', percentile(decrypt, 50), `${pgp} decrypt`, percentile(pgpDecrypt, 50)),
      row('decrypt 1 KB p99', percentile(decrypt, 99), `${pgp} decrypt`, percentile(pgpDecrypt, 99)),
    ];
  },
};
