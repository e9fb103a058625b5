import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher } from '../../../../electron/services/ipc/dispatch';
import type { HandlerTable } from '../../../../electron/services/ipc/dispatch';
import { silentLogger } from '../../../../electron/services/log/logger';
import { TikhoError } from '../../../../shared/errors';
import { CONTRACT } from '../../../../shared/ipc/contract';
import { MAX_PAYLOAD_BYTES } from '../../../../shared/ipc/limits';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';

const APP = { url: 'app://tikho/index.html', isMainFrame: true };

function dispatcherWith(overrides: Partial<Record<string, (req: unknown) => unknown>>) {
  const table = new Proxy(
    {},
    {
      get: (_t, name: string) => overrides[name] ?? (() => DEFAULT_SETTINGS),
    },
  ) as HandlerTable;
  return createDispatcher({ table, allowedOrigins: ['app://tikho'], logger: silentLogger });
}

describe('IPC dispatcher', () => {
  const dispatch = dispatcherWith({});

  it('answers the app itself', async () => {
    expect(await dispatch('settings:get', {}, APP)).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });

  it.each([
    ['a foreign origin', { url: 'https://evil.example/', isMainFrame: true }],
    ['a look-alike host', { url: 'app://tikho.evil/index.html', isMainFrame: true }],
    ['an iframe of the app', { url: 'app://tikho/index.html', isMainFrame: false }],
    ['a destroyed frame', { url: null, isMainFrame: false }],
    ['a file URL', { url: 'file:///index.html', isMainFrame: true }],
  ])('refuses %s with ipc/forbidden-sender', async (_name, sender) => {
    expect(await dispatch('settings:get', {}, sender)).toEqual({
      ok: false,
      error: { code: 'ipc/forbidden-sender', params: {} },
    });
  });

  it('refuses unknown keys', async () => {
    const result = await dispatch('settings:update', { theme: 'dark', __proto_pollution: 1 }, APP);
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc/invalid-request' } });
  });

  it('refuses wrong types', async () => {
    const result = await dispatch('settings:update', { autoLockMinutes: '5' }, APP);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ipc/invalid-request', params: { path: 'autoLockMinutes' } },
    });
  });

  it('refuses an oversize payload before parsing it', async () => {
    const big = 'x'.repeat(MAX_PAYLOAD_BYTES + 10);
    expect(await dispatch('vault:checkPassphrase', { passphrase: big }, APP)).toEqual({
      ok: false,
      error: { code: 'ipc/too-large', params: {} },
    });
  });

  it('refuses a string over its schema cap', async () => {
    const result = await dispatch('vault:checkPassphrase', { passphrase: 'x'.repeat(5000) }, APP);
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc/invalid-request' } });
  });

  it('refuses an unknown channel', async () => {
    expect(await dispatch('fs:readFile', {}, APP)).toEqual({
      ok: false,
      error: { code: 'ipc/unknown-channel', params: {} },
    });
  });

  it('passes a TikhoError code and params, never a stack', async () => {
    const d = dispatcherWith({
      'settings:get': () => {
        throw new TikhoError('vault/locked', { n: 1 });
      },
    });
    expect(await d('settings:get', {}, APP)).toEqual({
      ok: false,
      error: { code: 'vault/locked', params: { n: 1 } },
    });
  });

  it('turns any other error into ipc/unexpected without its message', async () => {
    const d = dispatcherWith({
      'settings:get': () => {
        throw new Error('secret note body leaked into an error message');
      },
    });
    const result = await d('settings:get', {}, APP);
    expect(result).toEqual({ ok: false, error: { code: 'ipc/unexpected', params: {} } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('refuses a response with fields the contract does not declare', async () => {
    const d = dispatcherWith({ 'settings:get': () => ({ ...DEFAULT_SETTINGS, masterKey: 'deadbeef' }) });
    const result = await d('settings:get', {}, APP);
    expect(result).toEqual({ ok: false, error: { code: 'ipc/unexpected', params: {} } });
  });
});

/** Every request must be a strict object so unknown keys are refused (issue 2 §4). */
function isStrictObject(schema: z.ZodType): boolean {
  // A discriminated union is strict when every one of its objects is.
  if (schema instanceof z.ZodDiscriminatedUnion)
    return (schema.options as z.ZodType[]).every((option) => isStrictObject(option));
  if (!(schema instanceof z.ZodObject)) return false;
  const catchall = (schema.def as { catchall?: z.ZodType }).catchall;
  return catchall instanceof z.ZodNever;
}

describe('the contract', () => {
  it.each(Object.keys(CONTRACT))('%s has a strict request schema', (name) => {
    const spec = CONTRACT[name as keyof typeof CONTRACT];
    expect(isStrictObject(spec.request)).toBe(true);
  });
  it('names every channel domain:action', () => {
    for (const name of Object.keys(CONTRACT)) expect(name).toMatch(/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/);
  });
});
