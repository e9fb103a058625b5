/**
 * Fixed numbers of the on-disk format, version 2. Changing any of them is a format change: bump
 * FORMAT_VERSION and add a migration (see migrations.ts and docs/vault-format.md §Migration).
 */
export const FORMAT_VERSION = 2;
/** Format 1: read only to migrate (headerFile.ts), and in a version-1 backup's header block (backupV1.ts). */
export const V1_FORMAT_VERSION = 1;

/** Format 1's magic "TIKHOVLT". Format 2 has none: its header file is random bytes to a reader without a passphrase. */
export const HEADER_MAGIC = Buffer.from('TIKHOVLT', 'ascii');
/** Format 2's header file (A/B copies, overwritten in place). A bland name on purpose. */
export const HEADER_FILE = 'index.bin';
/** Format 1's header file: only ever read to migrate, then overwritten with random bytes and unlinked. */
export const LEGACY_HEADER_FILE = 'vault.header';
export const MANIFEST_FILE = 'manifest.bin';
export const RECORDS_DIR = 'records';
export const ATTACHMENTS_DIR = 'attachments';
export const TEMP_PREFIX = '.tmp-';

export const VAULT_ID_BYTES = 16;
export const SALT_BYTES = 16;
export const KEY_BYTES = 32;
export const GCM_NONCE_BYTES = 12; // NIST SP 800-38D §8.2.2: 96-bit random IV
export const GCM_TAG_BYTES = 16;

/** Always four slots: primary, recovery, duress, one spare. Unused ones are random bytes. */
export const SLOT_COUNT = 4;
/** Slot plaintext: role (1) | reserved zero (3) | master key (32). */
export const SLOT_PLAINTEXT_BYTES = 36;
export const SLOT_BYTES = GCM_NONCE_BYTES + SLOT_PLAINTEXT_BYTES + GCM_TAG_BYTES; // 64

/** Format-1 layout: magic 8 | version 2 | flags 2 | vault id 16 | kdf id 1 | argon2 version 1 | reserved 2 | m 4 | t 4 | p 4 | salt 16 | slot count 1 | reserved 3 */
export const HEADER_FIXED_BYTES = 64;
export const HEADER_CHECKSUM_BYTES = 32;
/** A format-1 header (and a version-1 backup's header block). */
export const HEADER_BYTES = HEADER_FIXED_BYTES + SLOT_COUNT * SLOT_BYTES + HEADER_CHECKSUM_BYTES; // 352

export const KDF_ID_ARGON2ID = 1;
export const ARGON2_VERSION = 0x13;

/** OWASP Password Storage Cheat Sheet minimum for Argon2id: m = 19 MiB, t = 2, p = 1. */
export const KDF_FLOOR = { memoryKiB: 19_456, iterations: 2 } as const;
export const KDF_DEFAULTS = { memoryKiB: 65_536, iterations: 3, parallelism: 1 } as const;
/** Upper bounds so a tampered header cannot make unlock allocate 4 TiB or spin for hours. */
export const KDF_CEILING = { memoryKiB: 4 * 1024 * 1024, iterations: 64, parallelism: 16 } as const;

export const RECORD_FILE_VERSION = 1;
/**
 * The version in the manifest's AAD. Format 2 changed only the header, so it stays 1 (a format-1
 * vault's manifest opens unchanged after the header conversion).
 */
export const MANIFEST_VERSION = 1;
/**
 * Attachment STREAM chunk: 1 MiB of plaintext. At 64 KiB the per-chunk cipher setup and the
 * thread-pool round trip of each read/write held throughput to ~25–35 % of raw AES-GCM; at 1 MiB
 * they are noise. Memory in flight stays a few MiB; a preview still decrypts whole chunks only.
 */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;
/** Backup STREAM chunk (unchanged, backups are not a throughput path). */
export const BACKUP_CHUNK_BYTES = 64 * 1024;
/**
 * The manifest rollback anchor (manifestAnchor.ts): a neutral name, like the others, that says
 * nothing about what it guards.
 */
export const ANCHOR_FILE = 'state.bin';
