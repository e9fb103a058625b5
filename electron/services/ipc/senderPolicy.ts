/**
 * Who may call main. Electron security checklist #17: validate the sender of every IPC message
 * by parsing its URL, never with startsWith. A missing, destroyed or child frame is refused.
 */
export interface SenderInfo {
  /** URL of the frame that sent the message; null when the frame is gone. */
  url: string | null;
  /** False for iframes: only the app's top-level document may talk to main. */
  isMainFrame: boolean;
}

export function isTrustedSender(sender: SenderInfo, allowedOrigins: readonly string[]): boolean {
  if (!sender.url || !sender.isMainFrame) return false;
  let parsed: URL;
  try {
    parsed = new URL(sender.url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  // URL.origin is "null" for non-special schemes such as app://, so compare scheme + host.
  const origin = `${parsed.protocol}//${parsed.host}`;
  return allowedOrigins.includes(origin);
}
