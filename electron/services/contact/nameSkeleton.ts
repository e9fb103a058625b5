import unhomoglyph from 'unhomoglyph';
import { HIDDEN_CHARACTERS } from '../../../shared/text/externalName';

/**
 * Unicode's confusable skeleton (UTS #39 §4: NFD, map each character through confusables.txt,
 * NFD again; the mapping is unhomoglyph's copy of confusables.txt), of the name with its invisible
 * characters removed, spaces collapsed and case ignored. Two names with the same skeleton look
 * the same to a person: «Неlp Desk» (Cyrillic Н, е) and "Help Desk".
 */
export function nameSkeletons(name: string): string[] {
  const base = name.replace(HIDDEN_CHARACTERS, '').replace(/\s+/gu, ' ').trim();
  const skeleton = (s: string): string => unhomoglyph(s.normalize('NFD')).normalize('NFD');
  return [skeleton(base), skeleton(base.toLowerCase()), skeleton(base).toLowerCase()];
}

/** The first known name that a new one would be mistaken for, or null. */
export function confusableWith(name: string, known: readonly string[]): string | null {
  const mine = new Set(nameSkeletons(name));
  return known.find((other) => nameSkeletons(other).some((s) => mine.has(s))) ?? null;
}

/** For a newly added team: the kept team whose name it looks like, so the person is warned before trusting it. */
export async function lookalikeOfNewTeam(
  result: { kind: string; team: { teamId: string; teamName: string } },
  listTeams: () => Promise<readonly { teamId: string; teamName: string }[]>,
): Promise<string | null> {
  if (result.kind !== 'new') return null;
  const others = (await listTeams()).filter((team) => team.teamId !== result.team.teamId);
  return confusableWith(
    result.team.teamName,
    others.map((team) => team.teamName),
  );
}
