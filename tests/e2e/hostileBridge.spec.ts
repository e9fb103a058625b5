import fc from 'fast-check';
import WebSocket from 'ws';
import { CHANNEL_NAMES, CONTRACT } from '../../shared/ipc/contract';
import type { ChannelName } from '../../shared/ipc/contract';
import { MAX_PAYLOAD_BYTES } from '../../shared/ipc/limits';
import { expect, STRONG_PASSPHRASE, test } from './fixtures';

/**
 * A hostile page talks to the harness bridge directly: frames that are not calls, and a payload
 * every schema refuses, on every channel. The harness must answer each one, stay alive to the
 * end, and a refused call must change nothing a person could see.
 */

interface Reply {
  id: number | null;
  result: { ok: boolean; value?: unknown; error?: { code: string } };
}

function connect(harnessUrl: string, origin: string): Promise<WebSocket> {
  const url = new URL(harnessUrl);
  const socketUrl = `ws://${url.host}/__harness/ipc?token=${url.searchParams.get('token') ?? ''}`;
  const socket = new WebSocket(socketUrl, { origin, maxPayload: 64 * 1024 * 1024 });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Raw frames one at a time (a refusal of an unreadable frame carries no id to match on). */
function rawExchange(socket: WebSocket, text: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${text.slice(0, 80)}`)), 10_000);
    socket.once('message', (data: Buffer) => {
      clearTimeout(timer);
      resolve(JSON.parse(data.toString('utf8')) as Reply);
    });
    socket.send(text);
  });
}

/** Calls matched by id, so one channel's hostile payloads can all be in flight at once. */
function caller(socket: WebSocket): (channel: string, payload: unknown) => Promise<Reply['result']> {
  const pending = new Map<number, (result: Reply['result']) => void>();
  let nextId = 1;
  socket.on('message', (data: Buffer) => {
    const reply = JSON.parse(data.toString('utf8')) as Reply;
    if (reply.id !== null) pending.get(reply.id)?.(reply.result);
    if (reply.id !== null) pending.delete(reply.id);
  });
  return (channel, payload) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`no answer on ${channel}`)), 30_000);
      pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      socket.send(JSON.stringify({ id, channel, payload }));
    });
}

/** Payloads no schema should accept, plus generated ones the channel's own schema refuses. */
function hostilePayloads(channel: ChannelName, oversize: boolean): unknown[] {
  const schema = CONTRACT[channel].request;
  let deep: unknown = 'x';
  for (let i = 0; i < 2_000; i++) deep = { a: deep };
  const fixed: unknown[] = [
    null,
    0,
    -1,
    'x',
    true,
    [],
    [{}],
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } },
    { unexpected: deep },
    // The size cap is one check in front of every schema: a few channels carry it, not all.
    ...(oversize ? [{ passphrase: 'a'.repeat(MAX_PAYLOAD_BYTES + 1) }] : []),
  ];
  const generated = fc.sample(fc.anything({ maxDepth: 3, withObjectString: true }), {
    numRuns: 40,
    seed: 4242,
  });
  return [...fixed, ...generated].filter((payload) => !schema.safeParse(payload).success);
}

test('hostile frames and payloads on every channel are refused and change nothing', async ({ harness }) => {
  test.setTimeout(180_000);
  const socket = await connect(harness.url, harness.origin);

  // Not calls at all: the first of these used to crash the harness (reading `.id` of null).
  for (const frame of [
    'null',
    '[]',
    '1',
    '"x"',
    '{}',
    '{"id":null,"channel":"vault:status"}',
    '{"id":1}',
    '{',
    '{"id":"1","channel":"vault:status"}',
  ]) {
    const reply = await rawExchange(socket, frame);
    expect(reply.result, frame).toEqual({ ok: false, error: { code: 'ipc/invalid-request', params: {} } });
  }

  const call = caller(socket);
  // A real person's state to protect: a notebook with one note, and their settings.
  expect((await call('vault:create', { passphrase: STRONG_PASSPHRASE, withRecoveryCode: false })).ok).toBe(
    true,
  );
  const created = await call('notes:create', {
    title: 'Meeting point',
    body: 'Thursday, the old library',
    tags: ['plans'],
    pinned: false,
  });
  expect(created.ok).toBe(true);
  const snapshot = async () => ({
    status: await call('vault:status', {}),
    notes: await call('notes:list', {}),
    settings: await call('settings:get', {}),
    progress: await call('checklist:progress', {}),
    panic: await call('panic:config', {}),
  });
  const before = await snapshot();
  expect(before.status).toEqual({ ok: true, value: { state: 'unlocked' } });

  let refused = 0;
  for (const [index, channel] of CHANNEL_NAMES.entries()) {
    const payloads = hostilePayloads(channel, index % 16 === 0);
    const results = await Promise.all(payloads.map((payload) => call(channel, payload)));
    results.forEach((result, i) => {
      expect(result.ok, `${channel} accepted ${JSON.stringify(payloads[i])?.slice(0, 120)}`).toBe(false);
      expect(result.error?.code, channel).toMatch(/^ipc\/(invalid-request|too-large)$/);
    });
    refused += results.length;
  }
  expect(refused).toBeGreaterThan(CHANNEL_NAMES.length * 10);

  // Alive to the end, and nothing the refused calls touched has moved.
  expect(await snapshot()).toEqual(before);
  socket.close();
});
