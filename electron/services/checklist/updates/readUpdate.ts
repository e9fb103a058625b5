import { CompressedDataPacket, readMessage } from 'openpgp';
import { z } from 'zod';
import { isTikhoError } from '../../../../shared/errors';
import type { TeamView } from '../../../../shared/contact/card';
import { readSignedText, verifySignedTextBy, type PgpService } from '../../pgp';
import { extractArmoredBlock } from '../../pgp';
import {
  changesConflict,
  isEmptyChange,
  MAX_UPDATE_CHARS,
  UPDATE_FORMAT,
  UPDATE_VERSION,
  updateBodySchema,
  type UpdateBody,
} from './format';
import { updateError } from './updateError';

export interface VerifiedUpdate {
  body: UpdateBody;
  /** The armored block exactly as verified, kept so it can be shown or passed on as received. */
  signed: string;
  team: TeamView;
}

// eslint-disable-next-line no-control-regex -- telling a binary file from text is the point
const BINARY = /[\u0000-\u0008\u000e-\u001f]/;
/** gzip (1f 8b) and zip (PK 03 04) as they arrive after a file was read as UTF-8 text. */
// eslint-disable-next-line no-control-regex -- these magic bytes are control characters
const ARCHIVE_START = /^(\u001f(\u008b|\ufffd)|PK\u0003\u0004)/;

/**
 * Everything between a pasted or opened text and an update that may be shown: size, form,
 * signature by the team the update names, that team's verification, and the schema. The order
 * matters: nothing is parsed before the size and form checks, and nothing from the body is
 * believed before the signature is checked against the key the person verified.
 */
export async function readVerifiedUpdate(input: string, pgp: PgpService, now: Date): Promise<VerifiedUpdate> {
  if (input.length > MAX_UPDATE_CHARS) {
    throw updateError('checklist/update-too-large', { maxKiB: MAX_UPDATE_CHARS / 1024 });
  }
  if (ARCHIVE_START.test(input)) throw updateError('checklist/update-compressed');
  if (BINARY.test(input)) throw updateError('checklist/update-malformed');
  if (!/-----BEGIN PGP /.test(input)) throw updateError('checklist/update-unsigned');

  let block: string;
  try {
    block = extractArmoredBlock(input, ['signed-message', 'message'], MAX_UPDATE_CHARS);
  } catch (error) {
    if (isTikhoError(error) && error.code === 'pgp/unexpected-block')
      throw updateError('checklist/update-unsigned');
    throw updateError('checklist/update-malformed');
  }
  if (block.startsWith('-----BEGIN PGP MESSAGE-----')) await refuseMessageBlock(block);

  let parsed: Awaited<ReturnType<typeof readSignedText>>;
  try {
    parsed = await readSignedText(block);
  } catch {
    throw updateError('checklist/update-malformed');
  }
  const json = parseJson(parsed.text);
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw updateError('checklist/update-malformed');

  let teamKey: Awaited<ReturnType<PgpService['teamPrimaryKey']>>;
  try {
    teamKey = await pgp.teamPrimaryKey(envelope.data.teamId);
  } catch (error) {
    if (isTikhoError(error) && error.code === 'pgp/unknown-team') {
      throw updateError('checklist/update-unknown-team', { team: envelope.data.teamName });
    }
    throw error;
  }
  try {
    await verifySignedTextBy(parsed.message, teamKey.key, now);
  } catch (error) {
    // Revoked or expired keys keep their own, more precise message.
    if (isTikhoError(error) && (error.code === 'pgp/key-revoked' || error.code === 'pgp/key-expired'))
      throw error;
    throw updateError('checklist/update-bad-signature', { team: teamKey.team.teamName });
  }
  // Checked after the signature so that "unverified" is only said of a genuine update.
  if (teamKey.team.verification !== 'verified') {
    throw updateError('checklist/update-team-unverified', { team: teamKey.team.teamName });
  }
  return { body: parseBody(json), signed: block, team: teamKey.team };
}

/**
 * An inline-signed or encrypted OpenPGP message is not an update. `gpg --sign` compresses by
 * default; say so specifically, and never decompress (a small file can expand without bound).
 */
async function refuseMessageBlock(block: string): Promise<never> {
  try {
    const message = await readMessage({ armoredMessage: block });
    if (message.packets.some((packet) => packet instanceof CompressedDataPacket)) {
      throw updateError('checklist/update-compressed');
    }
  } catch (error) {
    if (isTikhoError(error)) throw error;
    throw updateError('checklist/update-malformed');
  }
  throw updateError('checklist/update-unsigned');
}

/** Just enough, before the signature is checked, to know whose key must have made it. */
const envelopeSchema = z.object({
  format: z.literal(UPDATE_FORMAT),
  teamId: z.string().max(64),
  teamName: z.string().max(120),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw updateError('checklist/update-malformed');
  }
}

/** The strict parse, of a body whose signature is already checked. */
function parseBody(json: unknown): UpdateBody {
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== UPDATE_FORMAT) {
    throw updateError('checklist/update-malformed');
  }
  const version = (json as { version?: unknown }).version;
  if (version !== UPDATE_VERSION) {
    throw updateError('checklist/update-unsupported-version', {
      version: typeof version === 'number' ? version : String(version),
    });
  }
  const parsed = updateBodySchema.safeParse(json);
  if (!parsed.success)
    throw updateError('checklist/update-invalid-content', { where: issuePath(parsed.error) });
  const conflict = changesConflict(parsed.data);
  if (conflict !== null) throw updateError('checklist/update-invalid-content', { where: conflict });
  if (isEmptyChange(parsed.data)) throw updateError('checklist/update-empty');
  return parsed.data;
}

export function issuePath(error: z.ZodError): string {
  return (error.issues[0]?.path ?? []).map(String).join('.') || '(root)';
}
