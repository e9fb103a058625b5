import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allFiles, fillDataDir, makeEnv, makeService, recordingPorts, type Env } from './helpers';
import { nodeFileSystem, type FileSystem } from '../../../../electron/services/common';

/**
 * On Windows a folder cannot be opened as a file (EPERM): the wipe's folder fsyncs must not stop
 * it there. The fake fs refuses folder opens the way Windows does; process.platform is set.
 */
function windowsLikePanicFs(): FileSystem {
  return {
    ...nodeFileSystem,
    open: async (path: Parameters<FileSystem['open']>[0], ...rest: unknown[]) => {
      if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
        throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
      }
      return (nodeFileSystem.open as (...a: unknown[]) => ReturnType<FileSystem['open']>)(path, ...rest);
    },
  };
}

const realPlatform = process.platform;
const pretend = (platform: NodeJS.Platform): void => {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
};

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  pretend(realPlatform);
  await env.cleanup();
});

describe('panic wipe where folders cannot be opened (Windows)', () => {
  it('destroys the keys and removes every file, with no failure reported', async () => {
    const vault = await fillDataDir(env, 'MARK');
    await vault.lock();
    pretend('win32');
    const svc = makeService(env, vault, { fs: windowsLikePanicFs(), ports: recordingPorts() });
    const report = await svc.trigger('button');
    expect(report.keysDestroyed).toBe(true);
    expect(report.failures).toEqual([]);
    expect(report.complete).toBe(true);
    expect(await allFiles(env.dataDir)).toEqual([]);
  });
});
