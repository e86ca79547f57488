// Chinese reasons in outside.csv, from the row's fields: each status and both kinds of
// "unreachable" (no road path; no facility of that kind in the input).
import { describe, expect, it } from 'vitest';
import type { CoverageResult, VillageCoverage } from '../src/analysis/coverage';
import { standardById } from '../src/analysis/standards';
import { coverage } from '../src/analysis/coverage';
import { coverageReasonZh, coverageWarningsZh } from '../src/report/coverage-reason-zh';
import { buildNetworkFromGeoJson } from '../src/network/build';

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
  it('quotes a category it has no Chinese name for', () => {
    const v = row({
      status: 'unreachable',
      nearest: [{ category: 'library', facility: null, minutes: Infinity, meters: Infinity }],
    });
    expect(coverageReasonZh(v, result([{ category: 'library', facilities: 0 }]))).toBe(
      '输入中没有“library”类设施',
    );
    const either = row({
      status: 'unreachable',
      nearest: [
        { category: 'culture or library', facility: null, minutes: Infinity, meters: Infinity },
      ],
    });
    expect(
      coverageReasonZh(either, result([{ category: 'culture or library', facilities: 0 }])),
    ).toBe('输入中没有文化或“library”类设施');
  });
});

describe('coverageWarningsZh', () => {
  it('says nothing when every kind has facilities', () => {
    expect(coverageWarningsZh(result([{ category: 'health', facilities: 3 }]))).toEqual([]);
  });
  it('names each missing kind of a one-kind run, and all of them for a standard needing several', () => {
    expect(coverageWarningsZh(result([{ category: 'health', facilities: 0 }]))).toEqual([
      '输入中没有卫生设施：所有村庄对它都算不可达',
    ]);
    const [w] = coverageWarningsZh(
      result([
        { category: 'health', facilities: 0 },
        { category: 'education', facilities: 2 },
        { category: 'culture', facilities: 0 },
      ]),
    );
    expect(w).toContain('输入中没有卫生设施、文化设施');
    expect(w).toContain(standardById('rural-basic-90min').zh?.title);
  });
  it('matches the analysis: one Chinese warning for each English one, on a real run', () => {
    const net = buildNetworkFromGeoJson(
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { highway: 'residential' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [100, 25],
                [100.01, 25],
              ],
            },
          },
        ],
      },
      { profile: 'walk' },
    );
    const point = (id: string, lon: number, category?: string) => ({ id, lon, lat: 25, category });
    const r = coverage(net, [point('V1', 100.001)], [point('F1', 100.002, 'health')], {
      standard: 'community-15min',
    });
    expect(r.warnings).toHaveLength(1);
    const zh = coverageWarningsZh(r);
    expect(zh).toHaveLength(1);
    expect(zh[0]).toContain('15分钟社区公共服务圈（步行）');
    expect(zh[0]).toContain('输入中没有养老设施、健身设施、就业设施、文化设施');
    const custom = coverage(net, [point('V1', 100.001)], [point('F1', 100.002, 'health')], {
      thresholdsMinutes: [15],
      categories: ['library'],
    });
    expect(custom.standard.zh?.title).toBe('15 分钟以内');
    expect(coverageWarningsZh(custom)).toEqual([
      '输入中没有“library”类设施：所有村庄对它都算不可达',
    ]);
  });
});
