import { TikhoError } from '../../../shared/errors';

/** What every store method rejects with while the vault is locked (code vault/locked). */
export class VaultLockedError extends TikhoError {
  constructor() {
    super('vault/locked');
  }
}

/**
 * The one storage interface every service that keeps secrets uses (PGP keys, libsignal stores,
 * checklist progress, sent requests, threads). The vault implements it: each record is its own
 * AES-256-GCM file under the unlocked master key, its collection and id bound into the AAD and
 * hidden from the file name. Services never see paths or keys.
 *
 * Collection: /^[a-z][a-z0-9-]{0,31}$/. Id: any string of 1..256 UTF-8 bytes (the vault hides it).
 * All methods reject with VaultLockedError when the vault is locked.
 */
export interface EncryptedRecordStore {
  read(collection: string, id: string): Promise<Uint8Array | null>;
  write(collection: string, id: string, data: Uint8Array): Promise<void>;
  remove(collection: string, id: string): Promise<void>;
  list(collection: string): Promise<string[]>;
}

/** For the tests of services that sit on top of the vault; not a substitute for vault tests. */
export function createMemoryRecordStore(): EncryptedRecordStore & { dump(): Map<string, Uint8Array> } {
  const data = new Map<string, Uint8Array>();
  const key = (c: string, id: string): string => `${c}\u0000${id}`;
  return {
    read: (c, id) => Promise.resolve(data.get(key(c, id))?.slice() ?? null),
    write: (c, id, bytes) => {
      data.set(key(c, id), bytes.slice());
      return Promise.resolve();
    },
    remove: (c, id) => {
      data.delete(key(c, id));
      return Promise.resolve();
    },
    list: (c) =>
      Promise.resolve(
        [...data.keys()].filter((k) => k.startsWith(`${c}\u0000`)).map((k) => k.slice(c.length + 1)),
      ),
    dump: () => data,
  };
}
