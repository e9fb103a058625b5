import { randomBytes } from 'node:crypto';
import { TikhoError } from '../../../shared/errors';
import { ChunkQueue } from './chunkQueue';

/**
 * Uploads from the renderer arrive as numbered base64 chunks over IPC (the renderer reads a File;
 * it never sends a path). Each upload streams into one consumer as the chunks arrive; nothing is
 * written in clear. Sessions live in memory only and are all dropped on lock (dropAll), when idle
 * too long, or when cancelled.
 */
export interface UploadSessionsOptions {
  maxSessions?: number;
  /** An upload with no chunk for this long is dropped (a renderer that crashed mid-upload). */
  idleMs?: number;
  newId?: () => string;
}

interface Session {
  size: number;
  received: number;
  nextIndex: number;
  queue: ChunkQueue;
  done: Promise<unknown>;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface UploadSessions {
  /** Starts `consume` at once on a queue fed by chunk(); returns the upload id. */
  begin<T>(size: number, consume: (chunks: AsyncIterable<Uint8Array>) => Promise<T>): string;
  chunk(uploadId: string, index: number, bytes: Buffer): Promise<void>;
  /** Waits for the consumer once every declared byte arrived; the session is gone afterwards. */
  finish<T>(uploadId: string): Promise<T>;
  cancel(uploadId: string): void;
  /** Drops every pending upload (the vault locked): queued chunks are zeroed, consumers fail. */
  dropAll(reason: TikhoError): void;
  readonly pending: number;
}

/** The live sessions by id, each dropped after `idleMs` without a chunk. */
function sessionTable(idleMs: number) {
  const sessions = new Map<string, Session>();

  function get(uploadId: string): Session {
    const s = sessions.get(uploadId);
    if (!s) throw new TikhoError('notes/upload-not-found');
    return s;
  }

  function drop(uploadId: string, reason: TikhoError): void {
    const s = sessions.get(uploadId);
    if (!s) return;
    sessions.delete(uploadId);
    if (s.timer) clearTimeout(s.timer);
    s.queue.fail(reason);
  }

  function touch(uploadId: string, s: Session): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => drop(uploadId, new TikhoError('notes/upload-expired')), idleMs);
    // An idle timer must not keep the harness or a test process alive.
    s.timer.unref?.();
  }

  return { sessions, get, drop, touch };
}

export function createUploadSessions(options: UploadSessionsOptions = {}): UploadSessions {
  const maxSessions = options.maxSessions ?? 4;
  const newId = options.newId ?? (() => randomBytes(16).toString('hex'));
  const { sessions, get, drop, touch } = sessionTable(options.idleMs ?? 2 * 60_000);

  return {
    begin(size, consume) {
      if (sessions.size >= maxSessions) throw new TikhoError('notes/too-many-uploads');
      const uploadId = newId();
      const queue = new ChunkQueue();
      const done = consume(queue);
      // The consumer may fail early (note gone, too large, disk full): later chunks then throw.
      done.catch((err: unknown) => queue.fail(err instanceof Error ? err : new TikhoError('ipc/unexpected')));
      const s: Session = { size, received: 0, nextIndex: 0, queue, done, timer: null };
      sessions.set(uploadId, s);
      touch(uploadId, s);
      return uploadId;
    },

    async chunk(uploadId, index, bytes) {
      const s = get(uploadId);
      if (index !== s.nextIndex) {
        bytes.fill(0);
        drop(uploadId, new TikhoError('notes/upload-out-of-order'));
        throw new TikhoError('notes/upload-out-of-order');
      }
      if (s.received + bytes.length > s.size) {
        bytes.fill(0);
        drop(uploadId, new TikhoError('notes/upload-too-large'));
        throw new TikhoError('notes/upload-too-large');
      }
      s.nextIndex += 1;
      s.received += bytes.length;
      touch(uploadId, s);
      try {
        await s.queue.push(bytes);
      } catch (err) {
        drop(uploadId, err instanceof TikhoError ? err : new TikhoError('ipc/unexpected'));
        throw err;
      }
    },

    async finish<T>(uploadId: string): Promise<T> {
      const s = get(uploadId);
      if (s.received !== s.size) {
        drop(uploadId, new TikhoError('notes/upload-incomplete'));
        throw new TikhoError('notes/upload-incomplete');
      }
      sessions.delete(uploadId);
      if (s.timer) clearTimeout(s.timer);
      s.queue.close();
      return (await s.done) as T;
    },

    cancel(uploadId) {
      drop(uploadId, new TikhoError('notes/upload-cancelled'));
    },

    dropAll(reason) {
      for (const uploadId of [...sessions.keys()]) drop(uploadId, reason);
    },

    get pending() {
      return sessions.size;
    },
  };
}
