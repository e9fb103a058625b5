import { TikhoError } from '../../../shared/errors';
import type { Attachments } from './attachmentStore';
import { createBackup, type VaultBackup } from './backup';
import type { Notebook } from './notebook';
import type { EncryptedRecordStore } from './recordStore';
import { decodeHeader } from './vaultHeader';
import { need, needWritable, openNotebook, tryPassphrase, type VaultCore } from './vaultCore';
import { VAULT_META_COLLECTION } from './vaultRotation';

/**
 * What other services hold on to for the vault's whole life: stable objects that reach the
 * session open right now, so a lock or a key rotation needs no one to re-fetch anything. Every
 * call on a locked vault rejects with vault/locked (async, never a synchronous throw), and every
 * write waits out a rotation with vault/busy.
 */
export function createRecordsFacade(core: VaultCore): EncryptedRecordStore {
  const refuseReserved = (c: string): void => {
    if (c === VAULT_META_COLLECTION) throw new TikhoError('vault/reserved-collection');
  };
  return {
    read: async (c, id) => need(core).store.read(c, id),
    write: async (c, id, d) => {
      refuseReserved(c);
      return needWritable(core).store.write(c, id, d);
    },
    remove: async (c, id) => {
      refuseReserved(c);
      return needWritable(core).store.remove(c, id);
    },
    list: async (c) => need(core).store.list(c),
  };
}

export function createNotesFacade(core: VaultCore): Notebook {
  return {
    list: () => need(core).notebook.list(),
    get: (id) => need(core).notebook.get(id),
    create: async (input) => needWritable(core).notebook.create(input),
    update: async (id, patch) => needWritable(core).notebook.update(id, patch),
    delete: async (id) => needWritable(core).notebook.delete(id),
    tags: () => need(core).notebook.tags(),
    search: (q) => need(core).notebook.search(q),
    loaded: async () => need(core).notebook.loaded(),
  };
}

export function createAttachmentsFacade(core: VaultCore): Attachments {
  return {
    add: async (noteId, input) => {
      const s = needWritable(core);
      s.notebook.get(noteId); // throws for an unknown note
      return s.attachments.add(noteId, input);
    },
    list: async (noteId) => need(core).attachments.list(noteId),
    addFromChunks: async (noteId, meta, chunks) => {
      const s = needWritable(core);
      s.notebook.get(noteId); // throws for an unknown note
      return s.attachments.addFromChunks(noteId, meta, chunks);
    },
    read: async (id) => need(core).attachments.read(id),
    exportTo: async (id, dest) => need(core).attachments.exportTo(id, dest),
    remove: async (id) => needWritable(core).attachments.remove(id),
  };
}

export function createBackupFacade(core: VaultCore): VaultBackup {
  const inner = createBackup({
    fs: core.fs,
    random: core.random,
    clock: core.clock,
    need: () => need(core),
    sessionSealer: () => {
      const s = need(core);
      // s.role, not s.session.role: a recovery session that set a new passphrase seals as primary.
      return { kek: s.kek, salt: s.live.state.salt, kdf: s.live.state.kdf, role: s.role };
    },
    tryHeader: async (headerBytes, passphrase) => tryPassphrase(decodeHeader(headerBytes), passphrase),
    isReservedCollection: (c) => c === VAULT_META_COLLECTION,
  });
  return {
    exportEncrypted: (dest, passphrase) => inner.exportEncrypted(dest, passphrase),
    exportPlainZip: (dest) => inner.exportPlainZip(dest),
    async importEncrypted(src, passphrase) {
      const s = need(core);
      try {
        return await inner.importEncrypted(src, passphrase);
      } finally {
        // The import wrote records behind the notebook's back (even a failed one may have written
        // some): rebuild the session's notes from the store so list/get/search see them now.
        if (core.state === s && s.session.isOpen()) {
          s.notebook.dropCaches();
          s.notebook = await openNotebook(core, s.store, s.attachments);
        }
      }
    },
  };
}
