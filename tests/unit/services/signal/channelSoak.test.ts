import { describe, expect, it } from 'vitest';
import type { ChannelService } from '../../../../electron/services/signal';
import { connectedPair, makeService, rejectionCode, seededRandom } from './channelTestKit';

interface InFlight {
  to: 'user' | 'desk';
  envelope: string;
  body: string;
  deliverAt: number;
}

describe('soak: two parties over a lossy, reordering transport', () => {
  it('exchanges 2 000+ messages with 5% loss and reordering; every delivered message decrypts exactly once across a lock/unlock and a restart', async () => {
    const rng = seededRandom(20250115);
    const pair = await connectedPair(101);
    const { clock, deskRecords, userRecords, deskThreadOnUser } = pair;
    let user: ChannelService = pair.user;
    let desk: ChannelService = pair.desk;
    await user.setRetention(deskThreadOnUser, '1d');

    const TARGET = 2_000;
    const inFlight: InFlight[] = [];
    const delivered: Array<{ to: 'user' | 'desk'; envelope: string }> = [];
    const receivedCount = new Map<string, number>();
    let deskThread: string | null = null;
    let sent = 0;
    let dropped = 0;
    let duplicatesRefused = 0;
    let lockedOnce = false;
    let restarted = false;

    for (let step = 0; sent < TARGET || inFlight.length > 0; step += 1) {
      clock.now += rng.int(5_000);

      if (!lockedOnce && sent >= TARGET / 3) {
        // Lock: the vault refuses every call; the service must fail cleanly and keep no state.
        deskRecords.locked = true;
        userRecords.locked = true;
        await expect(user.send(deskThreadOnUser, 'while locked')).rejects.toThrow();
        await expect(desk.listThreads()).rejects.toThrow();
        deskRecords.locked = false;
        userRecords.locked = false;
        lockedOnce = true;
      }
      if (!restarted && sent >= (2 * TARGET) / 3) {
        // Restart: new service objects over the same stores, nothing carried in memory.
        user = makeService('user', userRecords, clock, 201);
        desk = makeService('desk', deskRecords, clock, 202);
        restarted = true;
      }

      if (sent < TARGET) {
        const fromDesk = deskThread !== null && rng.next() < 0.5;
        const body = `${fromDesk ? 'd' : 'u'}#${sent}:${'x'.repeat(rng.int(300))}`;
        const out = fromDesk
          ? await desk.send(deskThread ?? '', body)
          : await user.send(deskThreadOnUser, body);
        sent += 1;
        if (rng.next() < 0.05) {
          dropped += 1;
        } else {
          inFlight.push({
            to: fromDesk ? 'user' : 'desk',
            envelope: out.envelope,
            body,
            deliverAt: step + rng.int(25),
          });
        }
      }

      const due = inFlight.filter((m) => m.deliverAt <= step);
      for (let i = due.length - 1; i > 0; i -= 1) {
        const j = rng.int(i + 1);
        [due[i], due[j]] = [due[j] as InFlight, due[i] as InFlight];
      }
      for (const message of due) {
        inFlight.splice(inFlight.indexOf(message), 1);
        const received = await (message.to === 'desk' ? desk : user).receive(message.envelope);
        expect(received.message.body).toBe(message.body);
        receivedCount.set(message.body, (receivedCount.get(message.body) ?? 0) + 1);
        if (message.to === 'desk') {
          deskThread = received.threadId;
        }
        delivered.push({ to: message.to, envelope: message.envelope });
      }

      // The transport also duplicates now and then: every copy must be refused.
      if (delivered.length > 0 && rng.next() < 0.02) {
        const again = delivered[rng.int(delivered.length)];
        if (again) {
          expect(await rejectionCode((again.to === 'desk' ? desk : user).receive(again.envelope))).toBe(
            'channel/duplicate',
          );
          duplicatesRefused += 1;
        }
      }
    }

    expect(sent).toBeGreaterThanOrEqual(TARGET);
    expect(lockedOnce && restarted).toBe(true);
    expect(dropped).toBeGreaterThan(TARGET * 0.02);
    expect(receivedCount.size).toBe(sent - dropped);
    expect([...receivedCount.values()].every((n) => n === 1)).toBe(true);
    expect(duplicatesRefused).toBeGreaterThan(0);
    const bodiesByDirection = [...receivedCount.keys()].filter((b) => b.startsWith('d#')).length;
    expect(bodiesByDirection).toBeGreaterThan(TARGET / 4);
    // The whole channel state (with 2 000 kept messages a side) is resealed under a new epoch key
    // on every commit (channelState.ts): ~7 ms a message here, so this run needs more than 60 s.
  }, 180_000);
});
