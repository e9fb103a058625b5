import { describe, expect, it } from 'vitest';
import {
  draftReducer,
  EMPTY_DRAFT,
  type Draft,
} from '../../../../../../renderer/src/features/contact/wizard/wizardState';

/** The request wizard's one reducer: what each step's change does to what the person typed. */
describe('request wizard draft', () => {
  const legal = { teamId: 'legal', categories: ['legal-aid', 'asylum-relocation'] as const };
  const labour = { teamId: 'labour', categories: ['labour-dispute'] as const };
  const typed = (): Draft => {
    let d = draftReducer(EMPTY_DRAFT, {
      type: 'team',
      team: { ...legal, categories: [...legal.categories] },
    });
    d = draftReducer(d, { type: 'category', category: 'legal-aid' });
    d = draftReducer(d, { type: 'field', key: 'whatHappened', value: 'Searched at 6 am' });
    return draftReducer(d, { type: 'text', text: 'Call after 18:00' });
  };

  it('a category presets urgency and reply route and keeps what the new form shares', () => {
    const d = typed();
    expect(d.fields.urgency).toBe('normal');
    expect(d.fields.replyVia).toBe('same-channel');
    const moved = draftReducer(d, { type: 'category', category: 'asylum-relocation' });
    expect(moved.fields.whatHappened).toBe('Searched at 6 am');
    expect(moved.fields).not.toHaveProperty('repressionKind');
    expect(moved.text).toBe('Call after 18:00');
  });

  it('another team keeps a category it handles and drops one it does not', () => {
    const d = typed();
    const same = draftReducer(d, { type: 'team', team: { ...legal, categories: [...legal.categories] } });
    expect(same.category).toBe('legal-aid');
    const other = draftReducer(d, { type: 'team', team: { ...labour, categories: [...labour.categories] } });
    expect(other).toMatchObject({ teamId: 'labour', category: null, text: 'Call after 18:00' });
  });

  it('anonymous is a choice of its own and reset forgets everything', () => {
    const d = draftReducer(typed(), { type: 'anonymous', anonymous: true });
    expect(d.anonymous).toBe(true);
    expect(draftReducer(d, { type: 'reset' })).toEqual(EMPTY_DRAFT);
  });
});
