/**
 * Syllable root generator (spec §4.3): `CV(C)` × 2–3, capitalised, filtered against a stoplist of real
 * brands so generated customers never collide with companies a reader knows.
 */
import type { Rng } from '../rng';

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'tr', 'kr', 'st', 'fl', 'gr', 'pl', 'qu', 'th', 'sk'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ea', 'io', 'y'];
const CODAS = ['n', 'r', 's', 'x', 'l', 'm', 'k', 't', 'nd', 'rt', 'st'];

const STOPLIST = new Set(
  (
    'google amazon apple oracle intel cisco adobe meta tesla nike sony samsung siemens bosch sap audi bmw zara ikea lego nokia visa ' +
    'uber airbnb netflix spotify slack zoom stripe shopify dell lenovo asus acer canon nikon xerox kodak rolex gucci prada ' +
    'fanta pepsi cola nestle danone lidl aldi rewe tesco target kroger costco walmart ebay alibaba tencent baidu huawei xiaomi ' +
    'toyota honda nissan mazda subaru suzuki lexus volvo saab scania fiat ferrari lamborghini porsche opel skoda seat ' +
    'vodafone orange telekom verizon comcast disney marvel hulu twitch reddit yahoo bing skype tiktok snap pinterest ' +
    'nvidia amd qualcomm broadcom philips bayer basf merck pfizer novartis roche sanofi allianz axa aviva zurich ' +
    'nova vega luna terra sola mira kia dacia lada'
  ).split(' '),
);

/** A capitalised syllable root such as "Vantorix"; never a stoplisted brand. */
export function syllableRoot(rng: Rng): string {
  for (;;) {
    const n = rng.chance(0.6) ? 2 : 3;
    let word = '';
    for (let i = 0; i < n; i++) {
      word += rng.pick(ONSETS) + rng.pick(VOWELS);
      if (rng.chance(i === n - 1 ? 0.6 : 0.25)) word += rng.pick(CODAS);
    }
    if (word.length < 4 || word.length > 11) continue;
    if (STOPLIST.has(word) || [...STOPLIST].some((b) => b.length >= 4 && word.startsWith(b))) continue;
    return word.charAt(0).toUpperCase() + word.slice(1);
  }
}
