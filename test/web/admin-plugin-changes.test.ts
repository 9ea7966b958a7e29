import {
  byNewestVersion,
  changedArguments,
  hasChanges,
  pluginChanges,
  type AvailablePlugin,
} from '../../web/src/pages/admin/plugins/plugin-changes';
import { argumentWords, numberBounds } from '../../web/src/pages/admin/plugins/json-schema';

function version(version: string, overrides: Partial<AvailablePlugin> = {}): AvailablePlugin {
  return {
    id: 'retail',
    version,
    title: 'Retail',
    description: 'Shops',
    combinable: false,
    configSchema: {},
    categories: [{ code: 'quality', label: 'Quality', path: ['Quality'] }],
    intakeFields: [],
    roles: [],
    departments: [],
    rejectionReasons: [],
    rules: [
      { code: 'retail.deadlines', description: 'Closed within 7 days', defaults: { closeDays: 7 } },
      { code: 'retail.repeats', description: 'Repeats within 24 h', defaults: { windowHours: 24 } },
    ],
    ...overrides,
  };
}

describe('what changing a plugin version affects', () => {
  it('names the rules added, removed and with other defaults, and what else the new version brings', () => {
    const from = version('1.0.0');
    const to = version('1.1.0', {
      categories: [
        { code: 'quality', label: 'Quality', path: ['Quality'] },
        { code: 'delivery', label: 'Delivery', path: ['Delivery'] },
      ],
      roles: [{ value: 'store-manager', label: 'Store manager' }],
      rules: [
        { code: 'retail.deadlines', description: 'Closed within 5 days', defaults: { closeDays: 5 } },
        { code: 'retail.follow-ups', description: 'A call within 3 working days', defaults: { withinWorkingDays: 3 } },
      ],
    });
    const changes = pluginChanges(from, to);
    expect(changes.addedRules.map((rule) => rule.code)).toEqual(['retail.follow-ups']);
    expect(changes.removedRules.map((rule) => rule.code)).toEqual(['retail.repeats']);
    expect(changes.changedRules).toEqual([
      {
        code: 'retail.deadlines',
        description: 'Closed within 5 days',
        from: { closeDays: 7 },
        to: { closeDays: 5 },
        descriptionChanged: true,
      },
    ]);
    expect(changes.addedCategories).toEqual(['Delivery']);
    expect(changes.removedCategories).toEqual([]);
    expect(changes.addedRoles).toEqual(['Store manager']);
    expect(hasChanges(changes)).toBe(true);
  });

  it('reports nothing between two versions that describe the same rules', () => {
    expect(hasChanges(pluginChanges(version('1.0.0'), version('1.0.1')))).toBe(false);
  });

  it('names only the default arguments that differ, with both values', () => {
    expect(
      changedArguments(
        { windowHours: 24, minComplaints: 3, matches: ['ASSET'] },
        { windowHours: 48, minComplaints: 3, matches: ['ASSET'] },
      ),
    ).toEqual([{ name: 'windowHours', from: 24, to: 48 }]);
    expect(changedArguments({ closeDays: 7 }, { closeDays: 7, reminderHours: 2 })).toEqual([
      { name: 'reminderHours', from: undefined, to: 2 },
    ]);
    expect(changedArguments(5, 7)).toEqual([{ name: '', from: 5, to: 7 }]);
  });

  it('orders versions newest first by their numbers', () => {
    expect(
      ['1.9.0', '1.10.0', '1.0.2']
        .map((v) => version(v))
        .sort(byNewestVersion)
        .map((v) => v.version),
    ).toEqual(['1.10.0', '1.9.0', '1.0.2']);
  });
});

describe('rule argument schemas', () => {
  it('names an argument in words and reads its bounds, open or closed', () => {
    expect(argumentWords('pointsPerBreach')).toBe('points per breach');
    expect(numberBounds({ type: 'number', exclusiveMinimum: 0, maximum: 720 })).toEqual({
      min: 0,
      max: 720,
      exclusiveMin: true,
      exclusiveMax: false,
    });
    expect(numberBounds({ type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 })).toEqual({
      min: undefined,
      max: undefined,
      exclusiveMin: false,
      exclusiveMax: false,
    });
  });
});
