import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASS, floorVault, latch, tempDir, type Latch } from './helpers';
import { nodeFileSystem, type FileSystem } from '../../../../electron/services/common';

/** node:fs, but renames into records/ wait at `gate` once it is set: a create caught half-way. */
function gatedFs(gate: { current: Latch | null }): FileSystem {
  return {
    ...nodeFileSystem,
    rename: async (from, to) => {
      if (gate.current && /[\\/]records[\\/][0-9a-f]{64}$/.test(to)) await gate.current.wait();
      return nodeFileSystem.rename(from, to);
    },
  };
}

describe('a read beside a create of the same record', () => {
  let dir = '';
  let cleanup: () => Promise<void> = () => Promise.resolve();
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it('sees no record while the create is on its way to disk, then the record; never "damaged"', async () => {
    const gate: { current: Latch | null } = { current: null };
    const v = floorVault(dir, { fs: gatedFs(gate) });
    await v.create(PASS, { withRecoveryCode: false });
    gate.current = latch();
    const held = gate.current;
    const writing = v.records.write('panic-config', 'config', Buffer.from('{"v":1}'));
    await held.reached;
    // The manifest already lists the record as being created; its file is not there yet.
    await expect(v.records.read('panic-config', 'config')).resolves.toBeNull();
    gate.current = null;
    held.open();
    await writing;
    expect((await v.records.read('panic-config', 'config'))?.toString()).toBe('{"v":1}');
    await v.lock();
  });
});
