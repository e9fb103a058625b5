import type { OwnKeySummary, RequestSummary, TeamSummary } from '../../../../../shared/ipc/contact';
import type { Draft, DraftAction, Step } from './wizardState';

/** What the Contact support screen hands the wizard; each step takes the part it needs. */
export interface WizardProps {
  teams: TeamSummary[];
  ownKey: OwnKeySummary | null;
  draft: Draft;
  dispatch: (action: DraftAction) => void;
  step: Step;
  setStep: (step: Step) => void;
  result: RequestSummary | null;
  setResult: (request: RequestSummary | null) => void;
  onComposed: () => Promise<void>;
  onOwnKeyChanged: (key: OwnKeySummary) => void;
  openTeams: () => void;
  openThread: (requestId: string) => void;
  notify: (message: string) => void;
}
