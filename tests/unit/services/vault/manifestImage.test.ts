import { describe, expect, it } from 'vitest';
import type { ManifestImage } from '../../../../electron/services/vault/revisionManifest';
import { sealGcm } from '../../../../electron/services/vault/aead';
import {
  encodeManifest,
  manifestAad,
  openManifest,
  sealManifest,
  type ManifestEntry,
} from '../../../../electron/services/vault/revisionManifest';

const key = Buffer.alloc(32, 0x44);
const vaultId = Buffer.alloc(16, 0x55);
const nonce = Buffer.alloc(12, 0x66);

/** The in-place image must seal exactly what a full re-encode of the same entries seals. */
describe('manifest image patched in place', () => {
  it('seals the same bytes as encodeManifest after random updates, appends and growth', () => {
    const entries: ManifestEntry[] = [];
    let image: ManifestImage = openManifest(key, vaultId, sealManifest(key, nonce, vaultId, []));
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let step = 0; step < 3000; step++) {
      const touched = new Set<ManifestEntry>();
      const op = rnd(3);
      if (op === 0 || entries.length === 0) {
        const e: ManifestEntry = {
          collection: rnd(2) ? 'notes' : 'attachment-meta',
          id: `id-${step}-${'я'.repeat(rnd(40))}`,
          revision: 1,
          flags: 2,
          fileName: '',
        };
        entries.push(e);
        touched.add(e);
      } else {
        const e = entries[rnd(entries.length)];
        if (!e) continue;
        e.revision += 1;
        e.flags = rnd(3) === 0 ? 1 : 0;
        touched.add(e);
      }
      image.sync(touched);
      if (step % 500 === 499) {
        const sealed = image.seal(key, nonce, vaultId);
        expect(sealed.equals(sealManifest(key, nonce, vaultId, entries))).toBe(true);
        // Re-open from the sealed bytes, as the next unlock does, and keep patching that image.
        image = openManifest(key, vaultId, sealed);
        const byKey = new Map(image.decoded.map((d) => [`${d.collection}\u0000${d.id}`, d.offset]));
        for (const e of entries) e.offset = byKey.get(`${e.collection}\u0000${e.id}`);
      }
    }
    expect(image.seal(key, nonce, vaultId).length).toBe(12 + encodeManifest(entries).length + 16);
  });
});

describe('manifest generation trailer', () => {
  it('round-trips the generation, and a manifest from before the trailer reads as generation 0', () => {
    const entries: ManifestEntry[] = [{ collection: 'notes', id: 'n1', revision: 3, flags: 0, fileName: '' }];
    const sealed = sealManifest(key, nonce, vaultId, entries, 41n);
    const image = openManifest(key, vaultId, sealed);
    expect(image.generation).toBe(41n);
    expect(openManifest(key, vaultId, image.seal(key, nonce, vaultId, 42n)).generation).toBe(42n);
    // Format 1 without the trailer: the entries followed by zero padding.
    const legacy = encodeManifest(entries);
    legacy.fill(0, 4 + 1 + 5 + 2 + 2 + 5);
    const old = sealGcm(key, nonce, legacy, manifestAad(vaultId));
    const reopened = openManifest(key, vaultId, old);
    expect(reopened.generation).toBe(0n);
    expect(reopened.decoded.map((e) => e.id)).toEqual(['n1']);
  });
});
