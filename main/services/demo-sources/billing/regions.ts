/** Country → AWS billing region (which partner SPP payer / AWS legal entity serves a customer). */
export type PayerRegion = 'EU' | 'US' | 'APJ';

const US = new Set(['US', 'CA', 'MX', 'BR']);
const APJ = new Set(['JP', 'CN', 'KR', 'SG', 'AU', 'IN', 'VN', 'NZ', 'HK', 'TW', 'TH', 'MY', 'ID', 'PH']);
const EU_MEMBERS = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);

export function regionOfCountry(country: string): PayerRegion {
  if (US.has(country)) return 'US';
  if (APJ.has(country)) return 'APJ';
  return 'EU';
}

export function isEuMember(country: string): boolean {
  return EU_MEMBERS.has(country);
}

/** AWS contracting legal entity per payer region (spec §3.1 `line_item_legal_entity`). */
export const LEGAL_ENTITY: Record<PayerRegion, string> = {
  EU: 'Amazon Web Services EMEA SARL',
  US: 'Amazon Web Services, Inc.',
  APJ: 'Amazon Web Services, Inc.',
};
