import type { ErrorCode } from '../../../shared/errorCodes';
import { TikhoError } from '../../../shared/errors';
import { remainder, type FileHandle } from '../common';

/** Positional readv until every part is full; end of file first throws `errorCode`. */
export async function readAll(
  handle: FileHandle,
  parts: Buffer[],
  position: number,
  errorCode: ErrorCode,
): Promise<void> {
  let pos = position;
  let rest = parts.filter((p) => p.length > 0);
  while (rest.length > 0) {
    const { bytesRead } = await handle.readv(rest, pos);
    if (bytesRead === 0) throw new TikhoError(errorCode);
    pos += bytesRead;
    rest = remainder(rest, bytesRead);
  }
}
