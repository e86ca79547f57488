// Chinese names for the invented county. The generator composes pinyin names from syllables
// (Shang + tang + chong); each syllable has one character here, so every name has a Chinese form,
// and the pinyin stays as a field (`pinyin`, `township_pinyin`; facilities keep `name_en`).
import type { FeatureCollection } from 'geojson';

const SYLLABLES: Record<string, string> = {
  shang: '上',
  xia: '下',
  da: '大',
  xiao: '小',
  bai: '白',
  hei: '黑',
  shui: '水',
  shan: '山',
  ping: '平',
  long: '龙',
  song: '松',
  he: '河',
  tang: '塘',
  ba: '坝',
  po: '坡',
  jia: '家',
  wa: '瓦',
  lin: '林',
  qing: '青',
  yun: '云',
  mu: '木',
  shi: '石',
  tian: '田',
  hong: '红',
  cun: '村',
  zhai: '寨',
  wan: '湾',
  shao: '哨',
  jie: '街',
  ying: '营',
  chong: '冲',
};
// The same syllable as a suffix reads differently in place names: 坪 (flat), 箐 (wooded gully).
const SUFFIX: Record<string, string> = { ping: '坪', qing: '箐' };

/** 'Shangtangchong' → '上塘冲'; a trailing ' 12' (a uniqueness number) is kept. */
export function chineseName(pinyin: string): string {
  const m = /^([A-Za-z]+)( \d+)?$/.exec(pinyin);
  if (!m) throw new Error(`not a generated name: ${pinyin}`);
  const word = m[1].toLowerCase();
  const parse = (at: number): string[] | null => {
    if (at === word.length) return [];
    for (let len = 5; len >= 2; len--) {
      const s = word.slice(at, at + len);
      if (!SYLLABLES[s]) continue;
      const rest = parse(at + len);
      if (rest) return [s, ...rest];
    }
    return null;
  };
  const parts = parse(0);
  if (!parts) throw new Error(`cannot read ${pinyin} as syllables`);
  const chars = parts.map((p, i) =>
    i === parts.length - 1 && SUFFIX[p] ? SUFFIX[p] : SYLLABLES[p],
  );
  return chars.join('') + (m[2] ? m[2].trim() : '');
}

/** 'Longda Town' → '龙大镇', 'Xiayun Township' → '下云乡', 'County seat' → '城关镇'. */
function townshipName(t: string): string {
  if (t === 'County seat') return '城关镇';
  const m = /^(.+) (Town|Township)$/.exec(t);
  if (!m) throw new Error(`not a township name: ${t}`);
  return chineseName(m[1]) + (m[2] === 'Town' ? '镇' : '乡');
}

const FIXED: Record<string, string> = {
  'County people’s hospital': '县人民医院',
  'County hospital of traditional medicine': '县中医医院',
  'County middle school': '县第一中学',
  'County welfare centre': '县社会福利中心',
  'County library and culture centre': '县图书馆文化馆',
  'County employment service centre': '县就业服务中心',
  'Seat community elderly-care centre': '城关社区养老服务中心',
};

const KINDS: [RegExp, string][] = [
  [/ township health centre$/, '卫生院'],
  [/ village clinic$/, '卫生室'],
  [/ central school$/, '中心学校'],
  [/ primary school$/, '小学'],
  [/ elderly-care centre$/, '养老服务中心'],
  [/ day-care point$/, '日间照料点'],
  [/ culture station$/, '文化站'],
  [/ culture room$/, '文化室'],
  [/ fitness square$/, '健身广场'],
  [/ fitness station$/, '健身点'],
  [/ employment service point$/, '就业服务站'],
  [/ kindergarten$/, '幼儿园'],
];

/** A place part of a facility's name: a village, a township, or the seat. */
function placeName(p: string): string {
  if (/ (Town|Township)$/.test(p)) return townshipName(p);
  return chineseName(p);
}

function facilityName(n: string): string {
  if (FIXED[n]) return FIXED[n];
  let m = /^Seat kindergarten (\d+)$/.exec(n);
  if (m) return `城关第${m[1]}幼儿园`;
  m = /^Seat fitness park (\d+)$/.exec(n);
  if (m) return `城关健身公园${m[1]}`;
  for (const [re, zh] of KINDS) if (re.test(n)) return placeName(n.replace(re, '')) + zh;
  throw new Error(`no Chinese name for facility ${n}`);
}

function villageName(n: string): string {
  let m = /^Seat community (\d+)$/.exec(n);
  if (m) return `城关第${m[1]}社区`;
  m = /^(.+ (?:Town|Township)) town$/.exec(n);
  if (m) return `${townshipName(m[1])}集镇`;
  return chineseName(n);
}

/**
 * Give villages and facilities Chinese names in place, keeping the pinyin / English ones:
 * villages `name` (Chinese), `pinyin`, `township` (Chinese), `township_pinyin`; facilities
 * `name` (Chinese) and `name_en`.
 */
export function addChineseNames(villages: FeatureCollection, facilities: FeatureCollection): void {
  for (const f of villages.features) {
    const p = f.properties as Record<string, unknown>;
    const { id, name, township, ...rest } = p;
    f.properties = {
      id,
      name: villageName(String(name)),
      pinyin: name,
      township: townshipName(String(township)),
      township_pinyin: township,
      ...rest,
    };
  }
  for (const f of facilities.features) {
    const p = f.properties as Record<string, unknown>;
    const { id, name, ...rest } = p;
    f.properties = { id, name: facilityName(String(name)), name_en: name, ...rest };
  }
}

let gbkTable: Map<string, number> | undefined;

/**
 * Encode text as GBK (what Chinese Excel writes for "CSV"). Node has no GBK encoder, only the
 * decoder, so the table is its inverse: every two-byte GBK code decoded once.
 */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch))
          gbkTable.set(ch, (lead << 8) | trail);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else {
      const code = gbkTable.get(ch);
      if (code === undefined) throw new Error(`no GBK code for ${ch}`);
      out.push(code >> 8, code & 0xff);
    }
  }
  return Uint8Array.from(out);
}
