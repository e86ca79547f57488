import type { OsmPointWarning } from '../points/osm-point-warning';

/**
 * A warning of the OSM points reader (villages or facilities from an OSM extract) in Chinese,
 * from the same fields as the English `osmPointWarningText`: what was placed where, or skipped.
 *
 * @param w - The warning.
 * @returns One line, without a `警告：` prefix.
 * @example
 * osmPointWarningZh({ kind: 'population-not-number', object: 'node/2', name: 'Baixa', tags: '', value: 'about 40' });
 * // 'node/2（“Baixa”）：人口标签“about 40”不是数字，按人口不详处理'
 */
export function osmPointWarningZh(w: OsmPointWarning): string {
  if (w.kind === 'duplicate-nodes')
    return `OSM 文件中有 ${w.count} 个节点编号重复出现（如 node/${w.examples.join('、node/')}），每个编号取其最后一次出现的位置`;
  const what = `${w.object}（${w.name === undefined ? w.tags : `“${w.name}”`}）`;
  switch (w.kind) {
    case 'way-without-nodes':
      return `${what}：文件中没有它的任何节点，未读入`;
    case 'way-missing-nodes':
      return `${what}：${w.total} 个节点中有 ${w.missing} 个不在文件中，按其余节点定位`;
    case 'relation-without-outer':
      return `${what}：文件中没有它的外边界，也没有它的节点，未读入`;
    case 'relation-open-ring':
      return `${what}：外边界在本文件中未闭合，${w.placedAt === 'label' ? '定位在其标注点（label）' : '定位在其外边界线上'}`;
    case 'population-not-number':
      return `${what}：人口标签“${w.value}”不是数字，按人口不详处理`;
  }
}
