import { CATEGORY_ZH, label, type Lang, PROFILE_ZH, pad } from '../report/lang';

// What route, spt, matrix, network and extract print for people, and the CSV headers of spt and
// matrix, in English and Chinese: one table per command, so a command file only picks `TEXT[lang]`.

const profileZh = (p: string) => label('zh', PROFILE_ZH, p);

/** `servicereach route`: the summary line and how each end joined the network. */
export const ROUTE_TEXT = {
  en: {
    found: (profile: string, min: string, km: string, nodes: number, out?: string) =>
      `route (${profile}): ${min} min, ${km} km, ${nodes} nodes${out ? `, written to ${out}` : ''}`,
    ends: (start: string, end: string) => `  start: ${start}; end: ${end}`,
    none: (profile: string, status: string) => `route (${profile}): no route — ${status}`,
    entry: (main: boolean, offRoadM: number) =>
      `${main ? 'main network' : 'nearest road'}, ${offRoadM} m off-road`,
    notOnNetwork: 'not on the network',
  },
  zh: {
    found: (profile: string, min: string, km: string, nodes: number, out?: string) =>
      `路线（${profileZh(profile)}）：${min} 分钟，${km} 公里，经过 ${nodes} 个节点${out ? `，已写出：${out}` : ''}`,
    ends: (start: string, end: string) => `  起点：${start}；终点：${end}`,
    none: (profile: string, status: string) =>
      `路线（${profileZh(profile)}）：无路线——${
        status === 'off-network'
          ? '起点或终点远离路网'
          : status === 'unreachable'
            ? '两点之间没有连通的道路'
            : status
      }`,
    entry: (main: boolean, offRoadM: number) =>
      `${main ? '接入主路网' : '接入最近道路'}，离路 ${offRoadM} 米`,
    notOnNetwork: '不在路网上',
  },
} satisfies Record<Lang, unknown>;

/** `servicereach spt`: the CSV header, the summary and the off-network start points. */
export const SPT_TEXT = {
  en: {
    header: 'node,lon,lat,timeS,source',
    title: (profile: string, direction: string, reached: number, nodes: number, maxMin?: number) =>
      `spt (${profile}, ${direction}): ${reached} of ${nodes} nodes reached${maxMin !== undefined ? ` within ${maxMin} min` : ''}`,
    offStart: (i: number, lon: number, lat: number, m: number) =>
      `start ${i} (${lon},${lat}) is ${m} m from the nearest road`,
    ignored: (what: string) => `  warning: ${what} (off-network, ignored)`,
    allOff: (what: string[]) => `every start point is off the network: ${what.join('; ')}`,
    written: (f: string) => `  written to ${f}`,
  },
  zh: {
    header: '节点编号,经度,纬度,时间（秒）,起点序号',
    title: (profile: string, direction: string, reached: number, nodes: number, maxMin?: number) =>
      `最短路径树（${profileZh(profile)}，${direction === 'to' ? '到达起点' : '从起点出发'}）：${nodes} 个节点中可达 ${reached} 个${maxMin !== undefined ? `（${maxMin} 分钟以内）` : ''}`,
    offStart: (i: number, lon: number, lat: number, m: number) =>
      `起点 ${i}（${lon},${lat}）距最近道路 ${m} 米`,
    ignored: (what: string) => `  警告：${what}（远离路网，已忽略）`,
    allOff: (what: string[]) => `所有起点都远离路网：${what.join('；')}`,
    written: (f: string) => `  已写出：${f}`,
  },
} satisfies Record<Lang, unknown>;

const int = (n: number) => n.toLocaleString('en-US');

/** `servicereach matrix`: the CSV header and the size messages. */
export const MATRIX_TEXT = {
  en: {
    header: 'from,to,timeS',
    tooMany: (no: number, nd: number, pairs: number, gb: string, max: number) =>
      `matrix: ${int(no)} origins × ${int(nd)} destinations = ${int(pairs)} pairs, about ${gb} GB of CSV, above the ${int(max)} this command writes: split --from into parts, use fewer --to, or ask only for the nearest few (nearest --mode network --k 3 --max-minutes m)`,
    large: (no: number, nd: number, pairs: number, gb: string, block: number) =>
      `matrix: ${int(no)} × ${int(nd)} = ${int(pairs)} pairs, about ${gb} GB of CSV, computed ${int(block)} origins at a time`,
  },
  zh: {
    header: '起点编号,终点编号,时间（秒）',
    tooMany: (no: number, nd: number, pairs: number, gb: string, max: number) =>
      `matrix：起点 ${int(no)} 个 × 终点 ${int(nd)} 个 = ${int(pairs)} 对，约 ${gb} GB 的 CSV，超过本命令最多写出的 ${int(max)} 对：请把 --from 分成几部分、减少 --to，或只求最近的几处（nearest --mode network --k 3 --max-minutes m）`,
    large: (no: number, nd: number, pairs: number, gb: string, block: number) =>
      `matrix：${int(no)} × ${int(nd)} = ${int(pairs)} 对，约 ${gb} GB 的 CSV，每次计算 ${int(block)} 个起点`,
  },
} satisfies Record<Lang, unknown>;

/** `servicereach network`: the labels of the statistics table. */
export const NETWORK_TEXT = {
  en: {
    title: (input: string, profile: string) => `network ${input} (profile ${profile})`,
    row: (k: string, v: string) => `  ${k.padEnd(22)}${v}`,
    nodes: 'nodes',
    edges: 'directed edges',
    links: 'links',
    length: 'road length',
    roadClass: (cls: string) => `  ${cls}`,
    km: (n: string) => `${n} km`,
    weak: 'components (weak)',
    strong: 'components (strong)',
    largest: (count: string, nodes: string) => `${count}, largest ${nodes} nodes`,
    memory: 'memory',
    memoryValue: (mb: string, perEdge: number) => `${mb} MB, ${perEdge} bytes per edge`,
    ways: 'ways used',
    waysValue: (used: string, input: string, skipped: string) =>
      `${used} of ${input} (${skipped} skipped)`,
    turns: 'turn restrictions',
    elevation: 'elevation',
    elevationValue: (model: string, source: string, voids: string) =>
      `${model} slope model, ${source} (${voids} voids filled)`,
    hierarchy: 'contraction hierarchy',
    hierarchyValue: (edges: string) => `${edges} edges up and down`,
    saved: 'saved to',
    warnings: 'warnings',
    example: (examples: string) => `e.g. ${examples}`,
  },
  zh: {
    title: (input: string, profile: string) => `路网 ${input}（${profileZh(profile)}）`,
    row: (k: string, v: string) => `  ${pad(k, 22)}${v}`,
    nodes: '节点数',
    edges: '有向边数',
    links: '路段数',
    length: '道路总长',
    roadClass: (cls: string) => `  ${cls}`,
    km: (n: string) => `${n} 公里`,
    weak: '连通分量（弱连通）',
    strong: '连通分量（强连通）',
    largest: (count: string, nodes: string) => `${count} 个，最大的有 ${nodes} 个节点`,
    memory: '内存',
    memoryValue: (mb: string, perEdge: number) => `${mb} MB，每条边 ${perEdge} 字节`,
    ways: '使用的道路',
    waysValue: (used: string, input: string, skipped: string) =>
      `${input} 条中用了 ${used} 条（未纳入 ${skipped} 条）`,
    turns: '转向限制',
    elevation: '高程',
    elevationValue: (model: string, source: string, voids: string) =>
      `${model} 坡度模型，${source}（填补空洞 ${voids} 处）`,
    hierarchy: '收缩层次（CH）',
    hierarchyValue: (edges: string) => `上行与下行共 ${edges} 条边`,
    saved: '已保存到',
    warnings: '警告',
    example: (examples: string) => `例如 ${examples}`,
  },
} satisfies Record<Lang, unknown>;

// OSM place values (`place=*`) in Chinese, as extract counts them.
const PLACE_ZH: Readonly<Record<string, string>> = {
  city: '城市',
  town: '镇',
  village: '村',
  hamlet: '自然村',
  isolated_dwelling: '独立住户',
  locality: '地名点',
  suburb: '城区片区',
  quarter: '街区',
  neighbourhood: '社区',
  farm: '农场',
};

/** `servicereach extract`: the summary. */
export const EXTRACT_TEXT = {
  en: {
    title: (places: boolean, file: string, n: number, ways: number, relations: number) =>
      `extract ${places ? 'places' : 'facilities'} from ${file}: ${n} points (${ways} from ways, ${relations} from relations)`,
    count: (_places: boolean, key: string, n: number) => `  ${key.padEnd(24)} ${n}`,
    written: (f: string) => `  written to ${f}`,
    attribution: '  © OpenStreetMap contributors (ODbL)',
    nothing: (file: string, places: boolean, filters?: string) =>
      `${file}: no ${places ? 'places' : `facilities matching ${filters}`} found`,
  },
  zh: {
    title: (places: boolean, file: string, n: number, ways: number, relations: number) =>
      `从 ${file} 提取${places ? '居民点' : '设施'}：共 ${n} 个点（${ways} 个取自线/面 way，${relations} 个取自关系 relation）`,
    count: (places: boolean, key: string, n: number) => {
      const zh = (places ? PLACE_ZH : CATEGORY_ZH)[key];
      return `  ${pad(zh ? `${zh}（${key}）` : key, 24)} ${n}`;
    },
    written: (f: string) => `  已写出：${f}`,
    attribution: '  © OpenStreetMap 贡献者（ODbL 许可）',
    nothing: (file: string, places: boolean, filters?: string) =>
      `${file}：没有找到${places ? '居民点' : `符合 ${filters} 的设施`}`,
  },
} satisfies Record<Lang, unknown>;
