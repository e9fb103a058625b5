import type { PanicCore } from './panicCore';
import { runPanicPlan } from './panicPlan';
import type { EndState, PanicPorts, PanicReport, PanicTrigger } from './panicTypes';

export interface RunExtras {
  onEndStateReady?: (e: EndState) => Promise<void>;
  ports?: PanicPorts;
  resumeStage?: 1 | 2;
}

/** One plan run at a time: a trigger during a run joins it instead of starting a second one. */
export function runOnce(
  core: PanicCore,
  trigger: PanicTrigger,
  endState: EndState | (() => Promise<EndState>),
  extra: RunExtras = {},
): Promise<PanicReport> {
  const { options, logger } = core;
  return core.runs.run(async () => {
    const chosen = typeof endState === 'function' ? await endState() : endState;
    const report = await runPanicPlan({
      paths: core.paths,
      fs: core.fs,
      now: core.now,
      trigger,
      drill: options.practice === true,
      endState: chosen,
      destroyVaultKeys: () => core.vault.destroyKeyMaterial(),
      ports: extra.ports ?? core.ports,
      portTimeoutMs: core.portTimeoutMs,
      notesCount: null,
      ...(extra.resumeStage ? { resumeStage: extra.resumeStage } : {}),
      ...(extra.onEndStateReady ? { onEndStateReady: extra.onEndStateReady } : {}),
    });
    core.mirror.cachedEndState = null;
    options.onReport?.(report);
    if (!report.complete)
      logger?.warn('panic: wipe finished with leftovers', {
        trigger,
        failures: report.failures.length,
        keysDestroyed: report.keysDestroyed,
      });
    return report;
  });
}
