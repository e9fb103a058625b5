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

/** The one word the thread list shows for a thread's trust, worst first (a catalog key). */
export function threadStatusKey(
  thread: Pick<ChannelThreadView, 'teamRevoked' | 'identityChanged' | 'verified'>,
): 'teams.revoked' | 'badge.changed' | 'badge.verified' | 'badge.unverified' {
  if (thread.teamRevoked) return 'teams.revoked';
  if (thread.identityChanged) return 'badge.changed';
  return thread.verified ? 'badge.verified' : 'badge.unverified';
}
