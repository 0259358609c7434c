const usd2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usd0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** Cents in tables (they must match exports to the cent); whole dollars on headline figures. */
export const money = (x: number): string => usd2.format(x);
export const moneyShort = (x: number): string => usd0.format(x);
export const percent = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
export const tone = (x: number | null): string => (x === null ? '' : x < 0 ? 'neg' : '');

export const FLAG_LABEL: Record<string, string> = {
  cost_no_invoice: 'Cost, no invoice',
  invoice_no_cost: 'Invoice, no cost',
  negative_margin: 'Negative margin',
};
