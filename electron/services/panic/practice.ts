import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isTikhoError } from '../../../shared/errors';
import type { VaultService } from '../vault';
import { copyTree, overwriteInPlace, removeTree } from './durableFile';
import type { WarnLogger } from '../log';
import { createPanicService, type PanicService, type PanicVault } from './panicService';
import type { MirrorKeystorePort } from './mirrorSecret';
import { panicError } from './panicErrors';
import { HEADER_FILE, SPARE_DIR, VAULT_DIR } from './planNames';
import type { PanicPorts, PanicReport } from './panicTypes';
import { createSerialQueue, DIR_MODE, nodeFileSystem, type FileSystem } from '../common';

/**
 * Practising the real triggers: the person presses their own shortcut, types their
 * own duress passphrase at a lock screen, or goes through the button's confirmation and countdown,
 * and each runs the real panic service — guard, plan, end state — over a disposable copy of the
 * data folder. The copy's ports are counted, never run, and the copy is destroyed afterwards.
 */

/** How long an armed shortcut practice waits for the keys before the shortcut wipes for real again. */
export const PRACTICE_SHORTCUT_WINDOW_MS = 60_000;

/** What the person would have seen, so the practice can say it in words. */
export type PracticeScreen = 'closed' | 'first-run' | 'lock' | 'decoy-open';

export type PracticeOutcome =
  | { kind: 'wiped'; screen: PracticeScreen; decoyNotes: number | null; report: PanicReport }
  /** The passphrase opened the copy: it is the notebook's own, not the duress one. Nothing was wiped. */
  | { kind: 'opened' }
  /** Neither passphrase: the copy stays locked and nothing was wiped. */
  | { kind: 'wrong' }
  /** The practice itself could not run (the copy could not be made); the real data is untouched. */
  | { kind: 'failed' };

export interface PanicPractice {
  /** The button (after its confirmation and countdown in the UI) or the shortcut, on a fresh copy. */
  run(trigger: 'button' | 'shortcut'): Promise<PracticeOutcome>;
  /** What was typed at the practice lock screen, through the real guarded unlock, on a fresh copy. */
  unlock(passphrase: string): Promise<PracticeOutcome>;
  /** The next press of the panic shortcut within the window practises instead of wiping. */
  armShortcut(): void;
  disarmShortcut(): void;
  isShortcutArmed(): boolean;
  /**
   * The global shortcut's handler asks this first. True: the press was taken by an armed practice
   * (its outcome goes to onShortcutOutcome); false: wipe for real.
   */
  takeShortcut(): boolean;
}

export interface PanicPracticeOptions {
  dataDir: string;
  tmpDir: string;
  tmpPrefix?: string;
  vault: Pick<PanicVault, 'isUnlocked'>;
  createVault: (dir: string) => VaultService;
  onShortcutOutcome: (outcome: PracticeOutcome) => void;
  /** After each practised wipe, while the real vault is open: the drill record the checklist reads. */
  onPractised?: (report: PanicReport) => Promise<void>;
  fs?: FileSystem;
  logger?: WarnLogger;
  clock?: () => number;
  /** The live service's keystore: the copy's state.key is the live one's, so its guard reads the real end state. */
  keystore?: MirrorKeystorePort;
}

/** The copy does nothing outside its folder: every port is a no-op (and drill mode skips them anyway). */
const NO_PORTS: PanicPorts = {
  clearSessionData: () => Promise.resolve(),
  clearRecentDocuments: () => Promise.resolve(),
  clipboard: { clearIfOwned: () => false },
};

function screenOf(report: PanicReport, decoyOpen: boolean): PracticeScreen {
  if (report.endState === 'quit') return 'closed';
  if (report.endState === 'fresh') return 'first-run';
  return decoyOpen ? 'decoy-open' : 'lock';
}

/** A copy's panic service, its vault and the reports its plan produced. */
interface PracticeCopy {
  service: PanicService;
  vault: VaultService;
  reports: PanicReport[];
}

/** One copy per practice: copied, used once, its key headers overwritten, deleted. */
async function onCopy(
  options: PanicPracticeOptions,
  use: (copy: PracticeCopy) => Promise<PracticeOutcome>,
): Promise<PracticeOutcome> {
  const fs = options.fs ?? nodeFileSystem;
  // Same prefix as the drill's copies: a practice killed half-way is destroyed at the next start.
  const drillPrefix = `${options.tmpPrefix ?? 'tikho-'}drill-`;
  const root = join(options.tmpDir, `${drillPrefix}${randomBytes(8).toString('hex')}`);
  const data = join(root, 'data');
  const vault = options.createVault(join(data, VAULT_DIR));
  const reports: PanicReport[] = [];
  try {
    await copyTree(fs, options.dataDir, data, DIR_MODE);
    await fs.mkdir(join(root, 'tmp'), { recursive: true, mode: DIR_MODE });
    const service = createPanicService({
      dataDir: data,
      vault,
      ports: NO_PORTS,
      createVault: options.createVault,
      fs,
      tmpDir: join(root, 'tmp'),
      practice: true,
      onReport: (report) => reports.push(report),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.keystore ? { keystore: options.keystore } : {}),
    });
    const outcome = await use({ service, vault, reports });
    await service.whenIdle();
    if (outcome.kind === 'wiped' && options.vault.isUnlocked())
      await options.onPractised?.(outcome.report).catch(() => undefined);
    return outcome;
  } catch (err) {
    options.logger?.warn('panic: practice failed', { code: isTikhoError(err) ? err.code : 'io' });
    throw panicError('panic/drill-failed');
  } finally {
    await vault.lock().catch(() => undefined);
    for (const sub of [VAULT_DIR, SPARE_DIR])
      await overwriteInPlace(fs, join(data, sub, HEADER_FILE)).catch(() => undefined);
    await removeTree(fs, root);
  }
}

export function createPanicPractice(options: PanicPracticeOptions): PanicPractice {
  const clock = options.clock ?? (() => Date.now());
  let armedUntil = 0;
  const serial = createSerialQueue().run;

  const requireUnlocked = (): void => {
    if (!options.vault.isUnlocked()) throw panicError('panic/locked');
  };

  function run(trigger: 'button' | 'shortcut'): Promise<PracticeOutcome> {
    if (!options.vault.isUnlocked()) return Promise.reject(panicError('panic/locked'));
    return serial(() =>
      onCopy(options, async ({ service }) => {
        const report = await service.trigger(trigger);
        return { kind: 'wiped', screen: screenOf(report, false), decoyNotes: null, report };
      }),
    );
  }

  return {
    run,

    unlock(passphrase) {
      if (!options.vault.isUnlocked()) return Promise.reject(panicError('panic/locked'));
      return serial(() =>
        onCopy(options, async ({ service, vault, reports }) => {
          const result = await service.unlockOrPanic(passphrase);
          await service.whenIdle();
          const report = reports[0];
          if (!report) return result.ok ? { kind: 'opened' } : { kind: 'wrong' };
          // After a duress wipe the copy's vault IS the decoy, opened with what was typed.
          const decoyOpen = result.ok && vault.isUnlocked();
          return {
            kind: 'wiped',
            screen: screenOf(report, decoyOpen),
            decoyNotes: decoyOpen ? vault.notes.list().length : null,
            report,
          };
        }),
      );
    },

    armShortcut() {
      requireUnlocked();
      armedUntil = clock() + PRACTICE_SHORTCUT_WINDOW_MS;
    },

    disarmShortcut() {
      armedUntil = 0;
    },

    isShortcutArmed() {
      return clock() < armedUntil;
    },

    takeShortcut() {
      // Locked (idle, lid closed) or past the window: the press is a real emergency.
      if (clock() >= armedUntil || !options.vault.isUnlocked()) return false;
      armedUntil = 0;
      void run('shortcut').then(options.onShortcutOutcome, () =>
        options.onShortcutOutcome({ kind: 'failed' }),
      );
      return true;
    },
  };
}
