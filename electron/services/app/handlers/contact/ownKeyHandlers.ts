import { saveText, type ContactHandlerContext, type ContactHandlers } from './contactContext';
import { toOwnKeySummary } from './contactMappers';

type OwnKeyChannel =
  | 'contact:ownKey'
  | 'contact:generateOwnKey'
  | 'contact:importOwnKey'
  | 'contact:exportOwnKey'
  | 'contact:saveOwnKey'
  | 'contact:revokeOwnKey';

/** The person's own key, which teams reply to: made, imported, shared, revoked. */
export function ownKeyHandlers(ctx: ContactHandlerContext): Pick<ContactHandlers, OwnKeyChannel> {
  const { pgp } = ctx;
  return {
    'contact:ownKey': async () => {
      const key = await pgp.getOwnKey();
      return { key: key ? toOwnKeySummary(key) : null };
    },
    'contact:generateOwnKey': async () => ({ key: toOwnKeySummary(await pgp.generateOwnKey()) }),
    'contact:importOwnKey': async ({ armored, passphrase }) => ({
      key: toOwnKeySummary(await pgp.importOwnKey(armored, passphrase)),
    }),
    'contact:exportOwnKey': async () => ({ armored: await pgp.exportOwnPublicKey() }),
    'contact:saveOwnKey': async () => saveText(ctx, 'my-public-key.asc', await pgp.exportOwnPublicKey()),
    'contact:revokeOwnKey': async () => {
      const { revokedPublicKey, ownKey } = await pgp.revokeOwnKey();
      return { key: toOwnKeySummary(ownKey), revokedPublicKey };
    },
  };
}
