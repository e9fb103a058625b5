import { requireDesk, type ChannelHandlerContext, type ChannelHandlers } from './channelContext';

type DeskChannel =
  | 'channel:deskStatus'
  | 'channel:deskSetup'
  | 'channel:publishCard'
  | 'channel:openRequest'
  | 'channel:inbox'
  | 'channel:openPerson'
  | 'channel:replyRequest';

/** The desk profile's side: team key and card, and the PGP inbox (services/desk). */
export function deskHandlers(ctx: ChannelHandlerContext): Pick<ChannelHandlers, DeskChannel> {
  return {
    'channel:deskStatus': async () => (await requireDesk(ctx)).status(),

    'channel:deskSetup': async ({ details, importKey }) => {
      const desk = await requireDesk(ctx);
      return desk.saveDetails(
        details,
        importKey
          ? {
              armoredSecret: importKey.armoredSecret,
              ...(importKey.passphrase !== undefined ? { passphrase: importKey.passphrase } : {}),
            }
          : undefined,
      );
    },

    'channel:publishCard': async () => (await requireDesk(ctx)).publishCard(),

    'channel:openRequest': async ({ armored }) => (await requireDesk(ctx)).openRequest(armored),

    'channel:inbox': async () => ({ people: await (await requireDesk(ctx)).listInbox() }),

    'channel:openPerson': async ({ personId }) => (await requireDesk(ctx)).openPerson(personId),

    'channel:replyRequest': async ({ personId, text }) => (await requireDesk(ctx)).reply(personId, text),
  };
}
