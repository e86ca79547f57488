import type { NetworkWarning } from '../network/warnings';

// What the network builder skipped or degraded, by warning code, as a county planner reads it.
const MESSAGE_ZH: Readonly<Record<string, string>> = {
  'highway-unknown': 'highway 取值不属于任何出行方式（拼写错误或少见标签）：该路未纳入',
  'highway-not-routable':
    'highway 取值不适用于此出行方式（如驾车遇 footway、在建道路）：该路未纳入',
  'highway-area': '面状道路（area=yes）不是可沿线通行的线：该路未纳入',
  'access-denied': '通行标签禁止此出行方式：该路未纳入',
  'oneway-reversible': '潮汐/交替单行道没有固定方向：该路未纳入',
  'ferry-not-used': '此出行方式不乘渡轮：该航线未纳入',
  'maxspeed-degraded': 'maxspeed 不是数值（区域代码、"none"等）：按道路等级速度计',
  'duration-unparsed': '渡轮时长无法识别：按出行方式的渡轮速度计',
  'non-line-geometry': '要素不是 LineString/MultiLineString：未纳入',
  'too-few-nodes': '线的坐标点少于两个：未纳入',
  'cost-excluded': '通行成本函数排除了该要素：未纳入',
  'restriction-via-way': '经由路段（via way）的转向限制：未执行',
  'restriction-malformed': '转向限制不是恰好一条进入路、一个经由节点和一条驶出路：未执行',
  'duplicate-node': 'OSM 节点编号重复出现：取其最后一次出现的位置',
  'missing-node': '道路引用了文件中没有的节点（裁剪的数据范围）：在缺口处截断',
};

/**
 * A network builder's warning in Chinese, by its code; the English message for a code without a
 * Chinese wording (so nothing is dropped).
 *
 * @param w - The warning, as `NetworkStats.warnings` holds it.
 * @returns The Chinese message, without count or examples.
 * @example
 * networkWarningZh({ code: 'missing-node', message: '…', count: 3, examples: [] });
 * // '道路引用了文件中没有的节点（裁剪的数据范围）：在缺口处截断'
 */
export function networkWarningZh(w: NetworkWarning): string {
  if (w.code === 'no-elevation') {
    const source = /\(([^)]*)\)/.exec(w.message)?.[1];
    return `部分道路节点在高程数据${source ? `（${source}）` : ''}范围之外：这些路段按平路计`;
  }
  return MESSAGE_ZH[w.code] ?? w.message;
}
