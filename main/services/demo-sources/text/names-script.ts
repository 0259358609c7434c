/**
 * Non-Latin company names (spec §4.3: ~6% of entities; Appendix D JP/CN/KR/GR/AE examples).
 * Each part is a (native, Latin) pair: the entity stores the Latin alias, never a machine transliteration.
 */
import type { Lang } from './names-latin';

type Pair = readonly [native: string, latin: string];

type ScriptLang = {
  roots: Pair[];
  nouns: Pair[];
  /** builds the native legal name from root + noun */
  native(root: string, noun: string, rng01: number): string;
  /** Latin legal forms (first = canonical) */
  latinForms: string[];
};

const p = (native: string, latin: string): Pair => [native, latin];

export const SCRIPT_LANGS: Partial<Record<Lang, ScriptLang>> = {
  ja: {
    roots: [p('さくら', 'Sakura'), p('富士', 'Fuji'), p('北斗', 'Hokuto'), p('青空', 'Aozora'), p('大和', 'Yamato'), p('東海', 'Tokai'), p('みどり', 'Midori'), p('光', 'Hikari'), p('朝日', 'Asahi'), p('白鳥', 'Shiratori')],
    nouns: [p('テック', 'Tech'), p('ロジスティクス', 'Logistics'), p('システム', 'Systems'), p('ソフト', 'Soft'), p('商事', 'Trading'), p('電機', 'Electric'), p('ヘルス', 'Health'), p('エナジー', 'Energy')],
    // 株式会社 as prefix or suffix (both are common)
    native: (root, noun, u) => (u < 0.5 ? `株式会社${root}${noun}` : `${root}${noun}株式会社`),
    latinForms: ['K.K.', 'Co., Ltd.'],
  },
  zh: {
    roots: [p('华云', 'Huayun'), p('星辰', 'Xingchen'), p('天宇', 'Tianyu'), p('金山', 'Jinshan'), p('东方', 'Dongfang'), p('长城', 'Changcheng'), p('蓝海', 'Lanhai'), p('瑞丰', 'Ruifeng')],
    nouns: [p('科技', 'Technology'), p('物流', 'Logistics'), p('软件', 'Software'), p('医疗', 'Healthcare'), p('能源', 'Energy'), p('电子', 'Electronics'), p('贸易', 'Trading')],
    native: (root, noun) => `${root}${noun}有限公司`,
    latinForms: ['Co., Ltd.'],
  },
  ko: {
    roots: [p('한빛', 'Hanbit'), p('세종', 'Sejong'), p('미래', 'Mirae'), p('푸른', 'Pureun'), p('대한', 'Daehan'), p('새롬', 'Saerom'), p('누리', 'Nuri'), p('하나', 'Hana')],
    nouns: [p('소프트', 'Soft'), p('헬스', 'Health'), p('물류', 'Logistics'), p('테크', 'Tech'), p('에너지', 'Energy'), p('시스템', 'Systems'), p('바이오', 'Bio')],
    native: (root, noun, u) => (u < 0.6 ? `${root}${noun} 주식회사` : `주식회사 ${root}${noun}`),
    latinForms: ['Co., Ltd.'],
  },
  el: {
    roots: [p('Ακρόπολις', 'Akropolis'), p('Όλυμπος', 'Olympos'), p('Αιγαίο', 'Aigaio'), p('Ερμής', 'Ermis'), p('Δελφοί', 'Delfoi'), p('Ποσειδών', 'Poseidon')],
    nouns: [p('Ναυτιλιακή', 'Shipping'), p('Τεχνολογίες', 'Technologies'), p('Ενέργεια', 'Energy'), p('Τρόφιμα', 'Foods'), p('Λογισμικό', 'Software')],
    native: (root, noun) => `${root} ${noun} Α.Ε.`,
    latinForms: ['S.A.'],
  },
  ar: {
    roots: [p('الخليج', 'Al Khaleej'), p('النور', 'Al Noor'), p('الواحة', 'Al Waha'), p('الفجر', 'Al Fajr'), p('الصقر', 'Al Saqr'), p('الريان', 'Al Rayan')],
    nouns: [p('للتقنية', 'Technology'), p('للخدمات اللوجستية', 'Logistics'), p('للطاقة', 'Energy'), p('للتجارة', 'Trading'), p('للاستشارات', 'Consulting')],
    native: (root, noun) => `${root} ${noun} ذ.م.م`,
    latinForms: ['LLC'],
  },
};

export type ScriptName = { native: string; latin: string; root: string; noun: string; form: string };

/** Draws a native name and its stored Latin alias. `pick(n)` returns an index in [0, n). */
export function scriptName(lang: Lang, pick: (n: number) => number, u: number): ScriptName | null {
  const def = SCRIPT_LANGS[lang];
  if (!def) return null;
  const root = def.roots[pick(def.roots.length)] ?? def.roots[0];
  const noun = def.nouns[pick(def.nouns.length)] ?? def.nouns[0];
  if (!root || !noun) return null;
  const form = def.latinForms[pick(def.latinForms.length)] ?? 'Co., Ltd.';
  return { native: def.native(root[0], noun[0], u), latin: `${root[1]} ${noun[1]} ${form}`, root: root[1], noun: noun[1], form };
}
