import type { CoverageResult, VillageCoverage } from '../analysis/coverage';
import { CATEGORY_ZH } from './lang';

// A category the table does not name (the input's own word) is quoted: 输入中没有“library”类设施.
// A standard needing any one of several kinds names them "culture or library": 文化或“library”类设施.
const kindZh = (category: string): string =>
  category === 'any facility'
    ? '任何设施'
    : `${category
        .split(' or ')
        .map((c) => CATEGORY_ZH[c] ?? `“${c}”类`)
        .join('或')}设施`;

const amount = (v: VillageCoverage, timed: boolean) =>
  timed
    ? `${Math.round((v.minutes as number) * 10) / 10} 分钟`
    : `${Math.round(v.meters / 100) / 10} 公里`;

/**
 * Why a village has its status, in Chinese, from the row's fields (the English `reason` is
 * written by the analysis): how far it is from the road, which kinds of facility no road leads
 * to or the input lacks, or the facility that sets its time and the standard's limit.
 *
 * @param v - The village's row.
 * @param result - The coverage run it comes from (its standard and facilities by kind).
 * @returns The reason, e.g. `最近卫生设施 F0012 需 97.5 分钟，超出 90 分钟`.
 * @example
 * const reasons = result.villages.map((v) => coverageReasonZh(v, result));
 */
export function coverageReasonZh(v: VillageCoverage, result: CoverageResult): string {
  const timed = result.standard.thresholdMinutes !== undefined;
  if (v.status === 'off-network')
    return `距最近道路 ${Math.round(v.snapDistanceM)} 米，超出接入距离`;
  if (v.status === 'unreachable')
    return v.nearest
      .map((n, j) =>
        n.facility !== null
          ? ''
          : (result.facilitiesByKind?.[j]?.facilities ?? 1) === 0
            ? `输入中没有${kindZh(n.category)}`
            : `没有道路通往${kindZh(n.category)}（路网不连通或单行道）`,
      )
      .filter((x) => x)
      .join('；');
  const which = v.nearest.length > 1 ? `最远一类（${kindZh(worstKind(v))}）` : '最近设施';
  const limit = timed
    ? `${result.standard.thresholdMinutes} 分钟`
    : `${(result.standard.thresholdMeters ?? 0) / 1000} 公里`;
  return v.status === 'outside'
    ? `${which} ${v.facility} 需 ${amount(v, timed)}，超出 ${limit}`
    : `${which} ${v.facility} 需 ${amount(v, timed)}`;
}

function worstKind(v: VillageCoverage): string {
  return v.nearest.find((n) => n.facility === v.facility)?.category ?? 'any facility';
}

/**
 * The run's warnings in Chinese, worded from `facilitiesByKind` as the analysis words its
 * English `warnings`: a required kind of facility missing from the input makes every village
 * unreachable for it. Falls back to the English warnings for a result without
 * `facilitiesByKind` (one built by hand).
 *
 * @param result - The coverage run.
 * @returns One line per warning (empty when there is none).
 * @example
 * for (const w of coverageWarningsZh(result)) console.warn(`警告：${w}`);
 */
export function coverageWarningsZh(result: CoverageResult): string[] {
  const kinds = result.facilitiesByKind;
  if (kinds === undefined) return [...result.warnings];
  const absent = kinds.filter((k) => k.facilities === 0).map((k) => kindZh(k.category));
  if (absent.length === 0) return [];
  if (kinds.length > 1)
    return [
      `标准“${result.standard.zh?.title ?? result.standard.id}”要求每类设施都可达，但输入中没有${absent.join('、')}：所有村庄都算不可达（是缺少这类设施，不是距离太远）；请提供每一类所需设施，或改用与现有设施相符的标准或类别`,
    ];
  return absent.map((k) => `输入中没有${k}：所有村庄对它都算不可达`);
}
