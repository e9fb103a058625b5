import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { checklistItemSchema, type ChecklistItem } from '../../../../shared/checklist/schema';
import {
  addMonths,
  countryTitleOffenders,
  helpContactOffenders,
  oneDatePerSourceOffenders,
  reviewCycleOffenders,
  reviewDateOffenders,
  sourceOffenders,
} from './contentRules';

/**
 * Each content rule of issue 13 catches its probe (tests/fixtures/checklists/rule-probes.json):
 * a schema-valid item with exactly one defect. The valid item passes every rule, so a rule that
 * flagged everything would fail here too.
 */

const RULES: Record<string, (items: readonly ChecklistItem[]) => string[]> = {
  reviewDate: reviewDateOffenders,
  reviewCycle: reviewCycleOffenders,
  source: sourceOffenders,
  countryTitle: countryTitleOffenders,
  oneDate: oneDatePerSourceOffenders,
};

interface Probe {
  rule: string;
  expect: string;
  item?: unknown;
  items?: unknown[];
}

const fixture = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../fixtures/checklists/rule-probes.json'), 'utf8'),
) as {
  valid: unknown;
  probes: Probe[];
};

const valid = checklistItemSchema.parse(fixture.valid);

describe('checklist content rules on probes', () => {
  it('passes the valid probe under every rule', () => {
    for (const rule of Object.values(RULES)) {
      expect(rule([valid])).toEqual([]);
    }
  });

  for (const probe of fixture.probes) {
    const items = (probe.items ?? [probe.item]).map((raw) => checklistItemSchema.parse(raw));
    it(`${probe.rule} catches ${items.map((item) => item.id).join(' + ')}`, () => {
      const rule = RULES[probe.rule];
      expect(rule, `unknown rule ${probe.rule}`).toBeDefined();
      const offenders = rule!(items);
      expect(
        offenders.some((line) => line.includes(probe.expect)),
        offenders.join('\n'),
      ).toBe(true);
      // The defect is the probe's only one: every other rule lets it through.
      for (const [name, other] of Object.entries(RULES)) {
        if (name !== probe.rule) expect(other(items), `${name} on ${probe.rule} probe`).toEqual([]);
      }
    });
  }

  it('helpContactOffenders catches a route without a date and a contact citing an AMP page', () => {
    const route = { kind: 'web', value: 'https://dept.one' };
    const offenders = helpContactOffenders({
      contacts: [{ id: 'probe', how: [route], source: { url: 'https://24tv.ua/some-story/amp' } }],
    });
    expect(offenders).toContain('probe web https://dept.one: no checked date');
    expect(offenders).toContain('probe web https://dept.one: no own-channel source');
    expect(offenders.some((line) => line.includes('AMP page'))).toBe(true);
    const dated = { ...route, checked: '2024-10-31', source: { url: 'https://t.me/s/deptone/3441' } };
    expect(
      helpContactOffenders({
        contacts: [{ id: 'probe', how: [dated], source: { url: 'https://dept.one' } }],
      }),
    ).toEqual([]);
  });

  it('adds calendar months, clamping to the end of a short month', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-10', 12)).toBe('2027-03-10');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  });
});
