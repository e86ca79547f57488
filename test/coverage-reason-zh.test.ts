// Chinese reasons in outside.csv, from the row's fields: each status and both kinds of
// "unreachable" (no road path; no facility of that kind in the input).
import { describe, expect, it } from 'vitest';
import type { CoverageResult, VillageCoverage } from '../src/analysis/coverage';
import { standardById } from '../src/analysis/standards';
import { coverageReasonZh } from '../src/report/coverage-reason-zh';

const row = (over: Partial<VillageCoverage>): VillageCoverage => ({
  index: 0,
  id: 'V1',
  lon: 100,
  lat: 25,
  population: 100,
  group: null,
  status: 'covered',
  reason: '',
  minutes: 12.34,
  meters: 4321,
  facility: 'F1',
  withinMinutes: 15,
  withinMeters: null,
  snapDistanceM: 1234.4,
  nearest: [{ category: 'health', facility: 'F1', minutes: 12.34, meters: 4321 }],
  ...over,
});

const result = (kinds: { category: string; facilities: number }[]) =>
  ({
    standard: standardById('rural-basic-90min'),
    facilitiesByKind: kinds,
  }) as unknown as CoverageResult;

describe('coverageReasonZh', () => {
  const one = result([{ category: 'health', facilities: 3 }]);
  it('names the facility, its time and the limit', () => {
    expect(coverageReasonZh(row({}), one)).toBe('最近设施 F1 需 12.3 分钟');
    expect(coverageReasonZh(row({ status: 'outside', minutes: 97.46 }), one)).toBe(
      '最近设施 F1 需 97.5 分钟，超出 90 分钟',
    );
  });
  it('says how far an off-network village is from the road', () => {
    expect(coverageReasonZh(row({ status: 'off-network' }), one)).toBe(
      '距最近道路 1234 米，超出接入距离',
    );
  });
  it('tells a missing road path from a kind missing in the input', () => {
    const two = result([
      { category: 'health', facilities: 3 },
      { category: 'education', facilities: 0 },
    ]);
    const v = row({
      status: 'unreachable',
      nearest: [
        { category: 'health', facility: null, minutes: Infinity, meters: Infinity },
        { category: 'education', facility: null, minutes: Infinity, meters: Infinity },
      ],
    });
    expect(coverageReasonZh(v, two)).toBe(
      '没有道路通往卫生设施（路网不连通或单行道）；输入中没有教育设施',
    );
  });
});
