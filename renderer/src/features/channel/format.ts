import type { ChannelThreadView } from '../../../../shared/ipc/secureChannel';

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
