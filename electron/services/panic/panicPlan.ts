import { failureCode } from './panicErrors';
import type { EndState, PanicReport, PanicStepName } from './panicTypes';
import { PLAN_STEPS } from './planSteps';
import { callPort, newPlanRun, runStep, type PlanInput } from './planRun';
import { spareReady } from './spareFolder';

export type { PlanInput } from './planRun';

/** Hands the open decoy to the duress unlock, which answers at once; the rest runs behind it. */
const HAND_OVER = 'hand-over';
type PlanEntry = PanicStepName | typeof HAND_OVER;

/**
 * The order of the steps (planSteps.ts holds what each does). Keys first, always; the clipboard
 * before any end state shows. Normally the purge comes before the end state.
 */
const ORDER: readonly PlanEntry[] = [
  'mark-pending',
  'destroy-keys',
  'clear-session',
  'clear-recent',
  'reset-app-state',
  'detach-data',
  'delete-temp',
  'clear-clipboard',
  'purge',
  'end-state',
  'clear-pending',
];

/**
 * A duress unlock into a decoy or a fresh start: the decoy must not wait for Electron's session
 * calls (each may take up to portTimeoutMs), the OS temp folder or the purge, or how long the
 * unlock took would tell a duress one from a normal one. They hold nothing the decoy could show,
 * so they run after it is open.
 */
const ORDER_END_STATE_FIRST: readonly PlanEntry[] = [
  'mark-pending',
  'destroy-keys',
  'reset-app-state',
  'detach-data',
  'clear-clipboard',
  'end-state',
  HAND_OVER,
  'clear-session',
  'clear-recent',
  'delete-temp',
  'purge',
  'clear-pending',
];

/** The end state the run can really reach, and whether an interrupted wipe had moved the decoy in. */
async function settleEndState(
  input: PlanInput,
): Promise<{ endState: EndState; decoyAlreadyInPlace: boolean }> {
  const spare = await spareReady(input.fs, input.paths.dataDir);
  // Stage 2 = an interrupted wipe had started to move the decoy in: the vault path may hold it already.
  const decoyAlreadyInPlace = input.resumeStage === 2 && !spare;
  // A decoy end state without a decoy folder falls back to a fresh first run, never to a broken vault.
  const endState = input.endState === 'decoy' && !decoyAlreadyInPlace && !spare ? 'fresh' : input.endState;
  return { endState, decoyAlreadyInPlace };
}

/**
 * Runs the panic plan once (docs/panic.md). Every trigger, the drill and start-up recovery use
 * this one runner; only its inputs differ. Per-target failures never stop the plan: it finishes
 * what it can and lists what it could not.
 */
export async function runPanicPlan(input: PlanInput): Promise<PanicReport> {
  const started = input.now();
  const { endState, decoyAlreadyInPlace } = await settleEndState(input);
  const run = newPlanRun(input, endState, decoyAlreadyInPlace);
  const endStateFirst = input.onEndStateReady !== undefined && endState !== 'quit';
  let keysDestroyedMs = 0;

  for (const entry of endStateFirst ? ORDER_END_STATE_FIRST : ORDER) {
    if (entry === HAND_OVER) {
      await input.onEndStateReady?.(endState).catch((err: unknown) => {
        run.failures.push({ target: 'end-state', code: failureCode(err) });
      });
      continue;
    }
    const step = PLAN_STEPS[entry];
    await runStep(run, entry, step.phase, run.sim && step.simulatedInDrill(run), (fail) =>
      step.work(run, fail),
    );
    if (entry === 'destroy-keys') keysDestroyedMs = input.now() - started;
  }

  const quit = input.ports.quit;
  if (endState === 'quit' && !run.sim && quit)
    await callPort(
      run,
      'quit',
      (t, e) => run.failures.push({ target: t, code: failureCode(e) }),
      () => quit(),
    );

  return {
    trigger: input.trigger,
    drill: input.drill,
    endState,
    keysDestroyed: run.keysDestroyed,
    complete: run.failures.length === 0,
    steps: run.steps,
    destroyed: run.counts,
    failures: run.failures,
    keysDestroyedMs,
    totalMs: input.now() - started,
  };
}
