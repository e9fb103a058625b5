import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createMirrorSecretSource,
  type MirrorKeystorePort,
} from '../../../../electron/services/panic/mirrorSecret';
import { makeEnv, type Env } from './helpers';
import { osKeystore } from './keystoreHelpers';
import { nodeFileSystem } from '../../../../electron/services/common';

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

const source = (keystore: MirrorKeystorePort | undefined) =>
  createMirrorSecretSource({ fs: nodeFileSystem, path: join(env.dataDir, 'state.key'), keystore });

describe('the secret half of the mirror key (state.key)', () => {
  it('two first seals at once store one secret, and it opens again from the file', async () => {
    const keystore = osKeystore();
    const s = source(keystore);
    expect(await s.forOpen()).toBe('none');
    const [a, b] = await Promise.all([s.forSeal(), s.forSeal()]);
    expect(a?.length).toBe(32);
    expect(a?.equals(b ?? Buffer.alloc(0))).toBe(true);
    const again = await source(keystore).forOpen();
    expect(Buffer.isBuffer(again) && a ? again.equals(a) : false).toBe(true);
    expect((await readFile(join(env.dataDir, 'state.key'))).includes(a ?? Buffer.alloc(1))).toBe(false);
  });

  it('a file the keystore cannot open, or one of the wrong length, is "lost"; the next seal replaces it', async () => {
    const keystore = osKeystore();
    await source(osKeystore()).forSeal();
    expect(await source(keystore).forOpen()).toBe('lost');
    const fresh = await source(keystore).forSeal();
    expect(Buffer.isBuffer(await source(keystore).forOpen())).toBe(true);
    await writeFile(join(env.dataDir, 'state.key'), await keystore.seal(Buffer.alloc(16, 1)));
    expect(await source(keystore).forOpen()).toBe('lost');
    expect(fresh?.length).toBe(32);
  });

  it('re-seals a secret the keystore says is stale (key rotation) and keeps its value', async () => {
    const keystore = osKeystore();
    const secret = await source(keystore).forSeal();
    const before = await readFile(join(env.dataDir, 'state.key'));
    const rotating: MirrorKeystorePort = {
      ...keystore,
      open: async (sealed) => ({ ...(await keystore.open(sealed)), stale: true }),
    };
    const opened = await source(rotating).forOpen();
    expect(Buffer.isBuffer(opened) && secret ? opened.equals(secret) : false).toBe(true);
    expect((await readFile(join(env.dataDir, 'state.key'))).equals(before)).toBe(false);
  });

  it('without a keystore, or with one that protects nothing, there is no secret and no file', async () => {
    for (const keystore of [undefined, { ...osKeystore(), protection: 'none' as const }]) {
      const s = source(keystore);
      expect(s.protection).toBe('none');
      expect(await s.forOpen()).toBe('none');
      expect(await s.forSeal()).toBeNull();
    }
    await expect(readFile(join(env.dataDir, 'state.key'))).rejects.toThrow();
  });
});
