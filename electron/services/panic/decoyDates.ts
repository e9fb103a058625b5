import { randomInt } from 'node:crypto';

export interface DecoyDate {
  createdAt: number;
  updatedAt: number;
}

const MINUTE = 60_000;

/**
 * Creation and last-edit times for `count` decoy notes between `start` (when the real notebook was
 * begun) and `end` (now): one note per equal share of that span at a random point in it, each
 * edited a random while later within its share. A notebook written in one sitting has all its
 * notes within a minute; a week-old one has them spread out, and so must the decoy.
 * Random, not a fixed pattern: a pattern repeated across every decoy would itself identify one.
 */
export function decoyDates(start: number, end: number, count: number): DecoyDate[] {
  const span = Math.max(0, end - start);
  const share = count > 0 ? span / count : 0;
  const out: DecoyDate[] = [];
  for (let i = 0; i < count; i++) {
    const from = start + i * share;
    const room = Math.floor(share);
    const createdAt = Math.round(from + (room > 1 ? randomInt(Math.floor(room / 2)) : 0));
    const left = Math.floor(from + share - createdAt);
    // Edited between a minute and the end of its share; a too-young notebook has no room to.
    const updatedAt = left > 2 * MINUTE ? createdAt + MINUTE + randomInt(left - MINUTE) : createdAt;
    out.push({ createdAt, updatedAt: Math.min(end, updatedAt) });
  }
  return out;
}
