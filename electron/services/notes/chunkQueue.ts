/**
 * A bounded async queue between IPC chunk calls (producer) and one consumer that reads it as an
 * AsyncIterable (vault.attachments.addFromChunks, or a temp-file writer). At most `maxQueued`
 * chunks wait in memory: a renderer that sends faster than main encrypts is slowed down instead
 * of filling the heap. fail() zeroes whatever still waits, so no plaintext lingers after a lock.
 */
export class ChunkQueue implements AsyncIterable<Uint8Array> {
  private items: Buffer[] = [];
  private closed = false;
  private failure: Error | null = null;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;

  constructor(private readonly maxQueued = 4) {}

  get failed(): Error | null {
    return this.failure;
  }

  async push(chunk: Buffer): Promise<void> {
    if (this.failure) {
      chunk.fill(0);
      throw this.failure;
    }
    if (this.closed) throw new Error('ChunkQueue: push after close');
    this.items.push(chunk);
    this.wake('consumer');
    while (this.items.length > this.maxQueued && !this.failure) {
      await new Promise<void>((resolve) => {
        this.wakeProducer = resolve;
      });
    }
    // Read through a cast: TypeScript keeps the narrowing from before the await otherwise.
    const failure = this.failure as Error | null;
    if (failure) throw failure;
  }

  close(): void {
    this.closed = true;
    this.wake('consumer');
  }

  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const item of this.items) item.fill(0);
    this.items = [];
    this.wake('consumer');
    this.wake('producer');
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (this.failure) throw this.failure;
      const next = this.items.shift();
      if (next) {
        this.wake('producer');
        yield next;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => {
        this.wakeConsumer = resolve;
      });
    }
  }

  private wake(side: 'consumer' | 'producer'): void {
    const fn = side === 'consumer' ? this.wakeConsumer : this.wakeProducer;
    if (side === 'consumer') this.wakeConsumer = null;
    else this.wakeProducer = null;
    fn?.();
  }
}
