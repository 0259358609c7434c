/**
 * Deterministic daily FX rates in Odoo's convention for a EUR company: `res_currency_rate.rate` is units of
 * the currency per 1 EUR (EUR itself has no rate rows, i.e. 1). Bounded random walks (spec §5.7:
 * EURUSD 1.04–1.16), rounded to 6 decimals as Odoo stores them, and the rounded value is what conversions use.
 */
import { stream } from '../rng';
import { addDays, daysBetween, type IsoDate } from './calendar';

export type InvoiceCurrency = 'EUR' | 'USD' | 'GBP' | 'CHF';
export type ForeignCurrency = Exclude<InvoiceCurrency, 'EUR'>;

export const FX_WALKS: Record<ForeignCurrency, { start: number; min: number; max: number; dailySd: number }> = {
  USD: { start: 1.085, min: 1.04, max: 1.16, dailySd: 0.0035 },
  GBP: { start: 0.858, min: 0.82, max: 0.9, dailySd: 0.0022 },
  CHF: { start: 0.962, min: 0.92, max: 1.0, dailySd: 0.0025 },
};

export type FxTable = {
  readonly firstDay: IsoDate;
  readonly lastDay: IsoDate;
  /** units of `currency` per 1 EUR on `date` (clamped to the table's range) */
  rate(currency: InvoiceCurrency, date: IsoDate): number;
  /** multiply USD by this to get `currency` on `date` (6 decimals, as stored on staging bills) */
  usdTo(currency: InvoiceCurrency, date: IsoDate): number;
  /** every stored rate row, in (currency, date) order */
  rows(): Iterable<{ currency: ForeignCurrency; date: IsoDate; rate: number }>;
};

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export function buildFx(seed: string, firstDay: IsoDate, lastDay: IsoDate): FxTable {
  const days = daysBetween(firstDay, lastDay) + 1;
  const series = {} as Record<ForeignCurrency, Float64Array>;
  for (const cur of Object.keys(FX_WALKS) as ForeignCurrency[]) {
    const walk = FX_WALKS[cur];
    const rng = stream(seed, `fx|${cur}`);
    const out = new Float64Array(days);
    let x = walk.start + rng.normal(0, (walk.max - walk.min) / 12);
    for (let d = 0; d < days; d++) {
      x += rng.normal(0, walk.dailySd);
      // Reflect at the bounds: the spec's band is a hard range, and reflection keeps the walk's variance.
      if (x > walk.max) x = 2 * walk.max - x;
      if (x < walk.min) x = 2 * walk.min - x;
      x = Math.min(walk.max, Math.max(walk.min, x));
      out[d] = round6(x);
    }
    series[cur] = out;
  }
  const rate = (currency: InvoiceCurrency, date: IsoDate): number => {
    if (currency === 'EUR') return 1;
    const i = Math.min(days - 1, Math.max(0, daysBetween(firstDay, date)));
    return series[currency][i] ?? 1;
  };
  return {
    firstDay,
    lastDay,
    rate,
    usdTo: (currency, date) => round6(rate(currency, date) / rate('USD', date)),
    *rows() {
      for (const cur of Object.keys(FX_WALKS) as ForeignCurrency[]) {
        for (let d = 0; d < days; d++) yield { currency: cur, date: addDays(firstDay, d), rate: series[cur][d] ?? 1 };
      }
    },
  };
}
