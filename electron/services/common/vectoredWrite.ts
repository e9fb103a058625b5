import type { FileSystem } from './fileSystem';

export type FileHandle = Awaited<ReturnType<FileSystem['open']>>;

/** What is left of `parts` once the first `done` bytes were transferred (a short transfer is legal). */
export function remainder(parts: Buffer[], done: number): Buffer[] {
  let skip = done;
  const rest: Buffer[] = [];
  for (const p of parts) {
    if (skip >= p.length) skip -= p.length;
    else {
      rest.push(skip > 0 ? p.subarray(skip) : p);
      skip = 0;
    }
  }
  return rest;
}

/** Positional writev until every byte landed. */
export async function writeAll(handle: FileHandle, parts: Buffer[], position: number): Promise<void> {
  let pos = position;
  let rest = parts.filter((p) => p.length > 0);
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest, pos);
    pos += bytesWritten;
    rest = remainder(rest, bytesWritten);
  }
}
