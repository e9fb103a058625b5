import { describe, expect, it } from 'vitest';
import { createClipboardGuard } from '../../../../electron/services/clipboard/clipboardGuard';

function fakeClipboard() {
  let text = '';
  return {
    writeText: (t: string) => {
      text = t;
    },
    readText: () => Promise.resolve(text),
    clear: () => {
      text = '';
    },
    peek: () => text,
    userCopies: (t: string) => {
      text = t;
    },
  };
}

function manualTimers() {
  const pending: (() => void)[] = [];
  return {
    timers: {
      setTimeout: ((fn: () => void) => {
        pending.push(fn);
        return pending.length as unknown as ReturnType<typeof setTimeout>;
      }) as unknown as typeof setTimeout,
      clearTimeout: (() => {}) as typeof clearTimeout,
    },
    fire: () => pending.splice(0).forEach((fn) => fn()),
  };
}

describe('clipboard guard', () => {
  it('clears what Tikho copied after the timeout', async () => {
    const clipboard = fakeClipboard();
    const { timers, fire } = manualTimers();
    let cleared = 0;
    const guard = createClipboardGuard(clipboard, () => cleared++, timers);
    expect(guard.copy('-----BEGIN PGP MESSAGE-----')).toEqual({ clearsInSeconds: 60 });
    expect(clipboard.peek()).toBe('-----BEGIN PGP MESSAGE-----');
    fire();
    await new Promise((r) => setTimeout(r, 0));
    expect(clipboard.peek()).toBe('');
    expect(cleared).toBe(1);
  });

  it('leaves the clipboard alone when the person copied something else since', async () => {
    const clipboard = fakeClipboard();
    const { timers, fire } = manualTimers();
    const guard = createClipboardGuard(clipboard, () => {}, timers);
    guard.copy('secret armor');
    clipboard.userCopies('a shopping list');
    fire();
    await new Promise((r) => setTimeout(r, 0));
    expect(clipboard.peek()).toBe('a shopping list');
    expect(await guard.clearIfOwned()).toBe(false);
  });

  it('clearIfOwned clears only text Tikho wrote (panic step 3)', async () => {
    const clipboard = fakeClipboard();
    const guard = createClipboardGuard(clipboard, () => {}, manualTimers().timers);
    expect(await guard.clearIfOwned()).toBe(false);
    guard.copy('armored');
    expect(await guard.clearIfOwned()).toBe(true);
    expect(clipboard.peek()).toBe('');
  });
});
