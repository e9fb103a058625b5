import { api, unwrap } from '../../ipc/tikho';

/** base64 of a slice without building a giant string of char codes (1 MiB chunks). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

/**
 * Sends a File the person chose (or dropped) to main in numbered chunks. The renderer never sees
 * or sends a path; main encrypts as the chunks arrive. On any failure the upload is cancelled so
 * main drops what it holds.
 */
export async function sendChunks(
  file: Blob,
  begin: () => Promise<{ uploadId: string; chunkBytes: number }>,
  onProgress: (fraction: number) => void,
): Promise<string> {
  const { uploadId, chunkBytes } = await begin();
  try {
    let index = 0;
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const slice = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      await unwrap(api().notes.uploadChunk({ uploadId, index, base64: toBase64(slice) }));
      slice.fill(0);
      index += 1;
      onProgress(Math.min(1, (offset + chunkBytes) / file.size));
    }
    return uploadId;
  } catch (err) {
    void api().notes.uploadCancel({ uploadId });
    throw err;
  }
}
