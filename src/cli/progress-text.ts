import type { Lang } from '../report/lang';

const int = (n: number) => n.toLocaleString('en-US');

/**
 * The steps a command's progress line names, in English and Chinese: a `Progress` carries the
 * table of its command's `--lang`, so whoever draws a step (a command, `readCommandPoints`,
 * `buildHierarchy`) words it in the language of the run.
 */
export const PROGRESS_TEXT = {
  en: {
    reading: 'reading',
    readingRoads: 'reading roads',
    readingVillages: 'reading villages',
    readingFacilities: 'reading facilities',
    ofFile: (step: string, path: string) => `${step} (${path})`,
    snapping: (villages: number) => `snapping and searching: ${int(villages)} villages`,
    writing: (dir: string) => `writing ${dir}`,
    travelTimes: 'travel times',
    catchments: 'candidate catchments',
    hierarchy: (nodes: number) => `building the contraction hierarchy (${int(nodes)} nodes)`,
  },
  zh: {
    reading: '读取',
    readingRoads: '读取道路',
    readingVillages: '读取村庄',
    readingFacilities: '读取设施',
    ofFile: (step: string, path: string) => `${step}（${path}）`,
    snapping: (villages: number) => `村庄接入路网并搜索：${int(villages)} 个村庄`,
    writing: (dir: string) => `写出 ${dir}`,
    travelTimes: '计算通行时间',
    catchments: '计算候选点服务范围',
    hierarchy: (nodes: number) => `构建收缩层次（${int(nodes)} 个节点）`,
  },
} satisfies Record<Lang, unknown>;

/** The step names of one language. */
export type ProgressText = (typeof PROGRESS_TEXT)['en'];
