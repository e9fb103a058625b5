import { createHash } from 'node:crypto';
import { CLIPBOARD_CLEAR_SECONDS } from '../../../shared/ipc/clipboard';
import type { HostPorts } from '../app';

export interface ClipboardGuard {
  copy(text: string): { clearsInSeconds: number };
  /** Clears the clipboard only if it still holds what Tikho wrote. */
  clearIfOwned(): Promise<boolean>;
  dispose(): void;
}

/**
 * Copies made by Tikho are cleared after 60 s. Only a digest of the copied text is kept, so the
 * guard does not become one more place a secret lives in memory.
 */
export function createClipboardGuard(
  clipboard: HostPorts['clipboard'],
  onCleared: () => void,
  timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = { setTimeout, clearTimeout },
): ClipboardGuard {
  let ownedDigest: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

  const clearIfOwned = async (): Promise<boolean> => {
    if (ownedDigest === null) return false;
    const current = await clipboard.readText();
    const owned = digest(current) === ownedDigest;
    ownedDigest = null;
    if (timer) timers.clearTimeout(timer);
    timer = null;
    if (!owned) return false;
    clipboard.clear();
    onCleared();
    return true;
  };

  return {
    copy(text) {
      clipboard.writeText(text);
      ownedDigest = digest(text);
      if (timer) timers.clearTimeout(timer);
      timer = timers.setTimeout(() => void clearIfOwned(), CLIPBOARD_CLEAR_SECONDS * 1000);
      return { clearsInSeconds: CLIPBOARD_CLEAR_SECONDS };
    },
    clearIfOwned,
    dispose() {
      if (timer) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
