import fs from 'node:fs/promises';
import { TikhoError } from '../../../../../shared/errors';
import { extractArmoredBlock } from '../../../pgp';
import { parseArmoredEnvelope } from '../../../signal';
import { requireRole, type ChannelHandlerContext, type ChannelHandlers } from './channelContext';

/** Saves an envelope, the desk's card or a reply through the save dialog. */
export function saveFileHandler(ctx: ChannelHandlerContext): Pick<ChannelHandlers, 'channel:saveFile'> {
  return {
    'channel:saveFile': async ({ kind, text }) => {
      const { desk } = await ctx.session();
      let name: string;
      const stamp = new Date().toISOString().slice(0, 10);
      // Only texts this app makes may be written, so a hostile renderer cannot use the save
      // dialog to drop arbitrary content (a script, a shortcut) onto the disk.
      if (kind === 'envelope') {
        parseArmoredEnvelope(text);
        name = `message-${stamp}.txt`;
      } else if (kind === 'card') {
        const status = desk ? await desk.status() : null;
        if (!status?.card || status.card.text !== text || !status.details) {
          throw new TikhoError('desk/no-card');
        }
        name = `${status.details.teamId}-contact-card.asc`;
      } else {
        requireRole(ctx, 'desk');
        extractArmoredBlock(text, ['message'], 4 * 1024 * 1024);
        name = `reply-${stamp}.asc`;
      }
      const target = await ctx.ports.chooseSavePath(name);
      if (target === null) return { saved: false };
      await fs.writeFile(target, text, { encoding: 'utf8', mode: 0o600 });
      return { saved: true };
    },
  };
}
