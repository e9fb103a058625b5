import type { ChannelThreadView } from '../../../../shared/ipc/secureChannel';

/** Date and time in the reader's language (ux: dates formatted by locale). */
export function formatTime(language: string, at: number | string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

/** A short, stable tag for a person at the desk: their address carries no name. */
export function shortTag(address: string): string {
  return address.slice(-4).toUpperCase();
}

export type ThreadLabel = { kind: 'team'; name: string } | { kind: 'person'; tag: string };

export function threadLabel(thread: Pick<ChannelThreadView, 'teamName' | 'peerAddress'>): ThreadLabel {
  return thread.teamName
    ? { kind: 'team', name: thread.teamName }
    : { kind: 'person', tag: shortTag(thread.peerAddress) };
}
