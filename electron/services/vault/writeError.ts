import { TikhoError } from '../../../shared/errors';
import { errnoOf } from '../common';

/** Maps OS errors of a write to the codes the UI shows; anything else becomes vault/io-error. */
export function toWriteError(err: unknown): TikhoError {
  if (err instanceof TikhoError) return err;
  const code = errnoOf(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new TikhoError('vault/disk-full');
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new TikhoError('vault/read-only');
  return new TikhoError('vault/io-error', { errno: code ?? 'unknown' });
}
