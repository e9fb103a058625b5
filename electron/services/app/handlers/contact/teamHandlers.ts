import { lookalikeOfNewTeam } from '../../../contact';
import type { ContactHandlerContext, ContactHandlers } from './contactContext';
import { toImportSummary, toTeamSummary } from './contactMappers';

type TeamChannel =
  | 'contact:teams'
  | 'contact:importCard'
  | 'contact:markVerified'
  | 'contact:acceptKeyChange'
  | 'contact:rejectKeyChange'
  | 'contact:removeTeam';

/** Support teams: their cards, checking them, and a changed key accepted or refused. */
export function contactTeamHandlers(ctx: ContactHandlerContext): Pick<ContactHandlers, TeamChannel> {
  const { pgp } = ctx;
  return {
    'contact:teams': async () => {
      await ctx.ensureOrgCards();
      return { teams: (await pgp.listTeams()).map(toTeamSummary) };
    },
    'contact:importCard': async ({ text }) => {
      const result = await pgp.importCard(text);
      return toImportSummary(result, await lookalikeOfNewTeam(result, () => pgp.listTeams()));
    },
    'contact:markVerified': async ({ teamId, fingerprint }) => ({
      team: toTeamSummary(await pgp.markVerified(teamId, fingerprint)),
    }),
    'contact:acceptKeyChange': async ({ teamId }) => ({
      team: toTeamSummary(await pgp.acceptChangedKey(teamId)),
    }),
    'contact:rejectKeyChange': async ({ teamId }) => ({
      team: toTeamSummary(await pgp.rejectChangedKey(teamId)),
    }),
    'contact:removeTeam': async ({ teamId }) => {
      await pgp.removeTeam(teamId);
      return {};
    },
  };
}
