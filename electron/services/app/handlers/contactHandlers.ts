import {
  orgCardLoader,
  type ContactHandlerContext,
  type ContactHandlers,
  type ContactServices,
} from './contact/contactContext';
import { ownKeyHandlers } from './contact/ownKeyHandlers';
import { requestHandlers } from './contact/requestHandlers';
import { contactTeamHandlers } from './contact/teamHandlers';

export { ORG_CARDS_DIR } from './contact/contactContext';
export { toTeamSummary } from './contact/contactMappers';

/**
 * Contact support over OpenPGP. Responses are mapped field by field (contact/contactMappers.ts):
 * the strict response schemas refuse anything extra, and nothing secret ever leaves.
 */
export function createContactHandlers(services: ContactServices): ContactHandlers {
  const ctx: ContactHandlerContext = {
    pgp: services.pgp,
    requestLabels: services.requestLabels,
    settings: services.settings,
    systemLanguage: services.systemLanguage,
    ports: services.ports,
    ensureOrgCards: orgCardLoader(services),
  };
  return {
    ...contactTeamHandlers(ctx),
    ...ownKeyHandlers(ctx),
    ...requestHandlers(ctx),
  };
}
