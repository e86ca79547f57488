import { coverageReasonZh } from '../coverage-reason-zh';
import type { CoverageBlock } from '../../analysis/coverage-summary';
import { standardThreshold } from '../../analysis/coverage-summary';
import { esc, type NumberFormat } from './format';
import { measureOf, type RunView, STATUS_ORDER } from './runs';
import { type ReportLang, type reportStrings, type StringKey, standardTitle } from './strings';

type T = ReturnType<typeof reportStrings>;

/** What the tables need besides the run. */
export interface TableContext {
  t: T;
  fmt: NumberFormat;
  lang: ReportLang;
  villageName: (index: number) => string;
  facilityName: (id: string | number | null) => string;
  /** Most rows in the list of villages not covered (default 100). */
  maxListed: number;
}

// The preset standards' facility categories as a Chinese plan names them.
const CATEGORY_ZH: Record<string, string> = {
  health: '医疗卫生',
  education: '教育',
  'elderly-care': '养老服务',
  fitness: '全民健身',
  employment: '就业服务',
  culture: '公共文化',
};

/** "on foot" / "by car" for a profile, or the profile's own name. */
export function modeLabel(t: T, profile: string): string {
  return profile === 'walk' || profile === 'car' || profile === 'bicycle'
    ? t(profile as StringKey)
    : profile;
}

/** The run's threshold with its unit (`15 min`, `5,000 m`). */
export function limitLabel(v: RunView, ctx: TableContext): string {
  return v.timed
    ? `${ctx.fmt.int(v.limit)} ${ctx.t('minutes')}`
    : `${ctx.fmt.int(v.limit)} ${ctx.t('meters')}`;
}

/**
 * The sentence a plan would print: the share of villages and of population within the circle,
 * and how many villages' population is known when some is not.
 *
 * @param v - The run.
 * @param block - All villages, or one group.
 * @param ctx - Strings and formats.
 * @returns HTML paragraphs.
 *
 * @example
 * headline(view, view.result.summary.all, ctx);
 */
export function headline(v: RunView, block: CoverageBlock, ctx: TableContext): string {
  const { t, fmt } = ctx;
  const s = v.result.standard;
  const within = standardThreshold(block, s);
  const name = (c: string) => (ctx.lang === 'zh' ? (CATEGORY_ZH[c] ?? c) : c);
  const names = s.categories.map(name);
  const what = !names.length
    ? t('anyFacility')
    : ctx.lang === 'zh'
      ? // 医疗卫生和教育 (every kind needed), 文化或体育 (any one of them); 甲、乙和丙 for three.
        names.length === 1
        ? names[0]
        : `${names.slice(0, -1).join('、')}${s.require === 'all' ? '和' : '或'}${names[names.length - 1]}`
      : names.join(s.require === 'all' ? ' + ' : ' / ');
  const text = t('headline', {
    villageShare: fmt.pct(block.villages ? (within?.within.villages ?? 0) / block.villages : null),
    within: fmt.int(within?.within.villages ?? 0),
    total: fmt.int(block.villages),
    popShare: fmt.pct(within?.shareOfPopulationWithin),
    limit: limitLabel(v, ctx),
    mode: modeLabel(t, s.profile),
    what,
  });
  const k = block.populationKnown;
  const known =
    k.villages < k.ofVillages
      ? `<p class="known">${esc(t('popKnown', { known: fmt.int(k.villages), total: fmt.int(k.ofVillages) }))}</p>`
      : '';
  return `<p class="headline">${esc(text)}</p>${known}`;
}

/**
 * The table of every run, one row each, that also switches the map (rows carry `data-run`).
 *
 * @param views - Every run.
 * @param ctx - Strings and formats.
 * @returns An HTML table.
 *
 * @example
 * overviewTable(views, ctx);
 */
export function overviewTable(views: readonly RunView[], ctx: TableContext): string {
  const { t, fmt, lang } = ctx;
  const head = `<tr><th>${t('standard')}</th><th>${t('mode')}</th><th>${t('threshold')}</th><th class="n">${t('shareVillages')}</th><th class="n">${t('sharePop')}</th>${STATUS_ORDER.map((s) => `<th class="n">${t(s)} (${t('villages')})</th>`).join('')}</tr>`;
  const rows = views.map((v, i) => {
    const s = v.result.summary.all;
    const w = standardThreshold(s, v.result.standard);
    return `<tr data-run="${i}" tabindex="0"><td>${esc(standardTitle(v.result.standard, lang))}</td><td>${esc(modeLabel(t, v.result.standard.profile))}</td><td>${limitLabel(v, ctx)}</td><td class="n">${fmt.pct(s.villages ? (w?.within.villages ?? 0) / s.villages : null)}</td><td class="n">${fmt.pct(w?.shareOfPopulationWithin)}</td>${STATUS_ORDER.map((k) => `<td class="n">${fmt.int(s.status[k].villages)}</td>`).join('')}</tr>`;
  });
  return `<table class="overview">${head}\n${rows.join('\n')}</table>`;
}

/**
 * Per township (group): villages and population within, their shares, the population-weighted
 * mean in the run's unit (named in the header), and how many are not covered.
 *
 * @param v - The run (grouped with `groupBy`, else only the total row).
 * @param ctx - Strings and formats.
 * @returns An HTML table.
 *
 * @example
 * townshipTable(view, ctx);
 */
export function townshipTable(v: RunView, ctx: TableContext): string {
  const { t, fmt } = ctx;
  const meanHead = v.timed ? t('meanTime') : t('meanDistance');
  const head = `<tr><th>${t('township')}</th><th class="n">${t('villages')}</th><th class="n">${t('villagesWithin')}</th><th class="n">${t('shareVillages')}</th><th class="n">${t('population')}</th><th class="n">${t('popWithin')}</th><th class="n">${t('sharePop')}</th><th class="n">${meanHead}</th><th class="n">${t('notCovered')}</th></tr>`;
  const row = (label: string, b: CoverageBlock, total: boolean) => {
    const w = standardThreshold(b, v.result.standard);
    const mean = v.timed ? fmt.fixed(b.weightedMeanMinutes, 1) : fmt.fixed(b.weightedMeanMeters, 0);
    const k = b.populationKnown;
    const partly =
      k.villages < k.ofVillages
        ? ` <small>(${fmt.int(k.villages)}/${fmt.int(k.ofVillages)})</small>`
        : '';
    return `<tr${total ? ' class="total"' : ''}><td>${esc(label)}</td><td class="n">${fmt.int(b.villages)}</td><td class="n">${fmt.int(w?.within.villages ?? 0)}</td><td class="n">${fmt.pct(b.villages ? (w?.within.villages ?? 0) / b.villages : null)}</td><td class="n">${fmt.int(b.population)}${partly}</td><td class="n">${fmt.int(w?.within.population ?? 0)}</td><td class="n">${fmt.pct(w?.shareOfPopulationWithin)}</td><td class="n">${mean}</td><td class="n">${fmt.int(b.villages - (w?.within.villages ?? 0))}</td></tr>`;
  };
  const groups = v.result.summary.groups ?? {};
  const names = Object.keys(groups).sort((a, b) => a.localeCompare(b));
  return `<table class="townships">${head}\n${names.map((g) => row(g, groups[g], false)).join('\n')}\n${row(t('allVillages'), v.result.summary.all, true)}</table>`;
}

/**
 * The villages not covered, largest population first (unknown last), at most `ctx.maxListed`.
 *
 * @param v - The run.
 * @param ctx - Strings and formats.
 * @returns An HTML heading and table.
 *
 * @example
 * notCoveredTable(view, ctx);
 */
export function notCoveredTable(v: RunView, ctx: TableContext): string {
  const { t, fmt } = ctx;
  const rows = v.result.villages.filter((x) => x.status !== 'covered');
  rows.sort((a, b) => (b.population ?? -1) - (a.population ?? -1) || a.index - b.index);
  const shown = rows.slice(0, ctx.maxListed);
  const measure = v.timed
    ? `${t('travelTime')} (${t('minutes')})`
    : `${t('distance')} (${t('meters')})`;
  const head = `<tr><th>${t('village')}</th><th>${t('township')}</th><th class="n">${t('population')}</th><th>${t('status')}</th><th class="n">${measure}</th><th>${t('nearestFacility')}</th><th>${t('reason')}</th></tr>`;
  const body = shown.map((x) => {
    const m = measureOf(x, v.timed);
    const value = m === null ? '—' : v.timed ? fmt.fixed(m, 1) : fmt.int(m);
    return `<tr><td>${esc(ctx.villageName(x.index))}</td><td>${esc(x.group ?? '')}</td><td class="n">${x.population === null ? t('populationUnknown') : fmt.int(x.population)}</td><td><i class="st st-${x.status}"></i>${t(x.status)}</td><td class="n">${value}</td><td>${esc(ctx.facilityName(x.facility))}</td><td>${esc(ctx.lang === 'zh' ? coverageReasonZh(x, v.result) : x.reason)}</td></tr>`;
  });
  const more =
    rows.length > shown.length
      ? `<p class="note">${esc(t('andMore', { n: fmt.int(rows.length - shown.length) }))}</p>`
      : '';
  return `<h3>${t('notCoveredList')} (${fmt.int(rows.length)})</h3><table class="outside">${head}\n${body.join('\n')}</table>${more}`;
}

// The usual English values of an urban/rural field, as a Chinese table says them; any other value
// (城镇, 农村, a code) is shown as the data has it.
const URBAN_ZH: Record<string, string> = {
  urban: '城镇',
  rural: '农村',
  town: '城镇',
  village: '农村',
  true: '城镇',
  false: '农村',
};

/**
 * Villages and population within the circle by a village property that says urban or rural
 * (the plans report both apart), computed from the run's rows; population shares rest on the
 * villages whose population is known.
 *
 * @param v - The run.
 * @param classOf - The property's value for village `i`, or null.
 * @param ctx - Strings and formats.
 * @returns An HTML table.
 *
 * @example
 * urbanTable(view, (i) => villages[i].properties?.urban as string, ctx);
 */
export function urbanTable(
  v: RunView,
  classOf: (index: number) => string | null,
  ctx: TableContext,
): string {
  const { t, fmt } = ctx;
  const tally = new Map<string, { n: number; within: number; pop: number; popWithin: number }>();
  for (const row of v.result.villages) {
    const c = classOf(row.index);
    if (c === null) continue;
    let x = tally.get(c);
    if (!x) {
      x = { n: 0, within: 0, pop: 0, popWithin: 0 };
      tally.set(c, x);
    }
    const covered = row.status === 'covered';
    x.n++;
    if (covered) x.within++;
    if (row.population !== null) {
      x.pop += row.population;
      if (covered) x.popWithin += row.population;
    }
  }
  const head = `<tr><th></th><th class="n">${t('villages')}</th><th class="n">${t('villagesWithin')}</th><th class="n">${t('shareVillages')}</th><th class="n">${t('population')}</th><th class="n">${t('popWithin')}</th><th class="n">${t('sharePop')}</th></tr>`;
  const rows = [...tally.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(
      ([c, x]) =>
        `<tr><td>${esc(ctx.lang === 'zh' ? (URBAN_ZH[c.toLowerCase()] ?? c) : c)}</td><td class="n">${fmt.int(x.n)}</td><td class="n">${fmt.int(x.within)}</td><td class="n">${fmt.pct(x.n ? x.within / x.n : null)}</td><td class="n">${fmt.int(x.pop)}</td><td class="n">${fmt.int(x.popWithin)}</td><td class="n">${fmt.pct(x.pop > 0 ? x.popWithin / x.pop : null)}</td></tr>`,
    );
  return `<table class="urban">${head}\n${rows.join('\n')}</table>`;
}
