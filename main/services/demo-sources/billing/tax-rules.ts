/**
 * Customer VAT treatment for a German company (spec §5.7): domestic 19%; EU B2B with a VAT id 0% reverse
 * charge (fiscal position "Intra-EU B2B"); non-EU 0% export; EU customers without a VAT id (individuals) 19%.
 */
import type { BillingCustomer } from '../universe-types';
import { FISCAL_POSITION, TAX, TAX_GROUP } from './ids';
import { isEuMember } from './regions';

export type TaxRule = { taxId: number; taxGroupId: number; ratePct: number; fiscalPositionId: number | null };

export function taxRuleFor(customer: Pick<BillingCustomer, 'countryCode' | 'vatId'> | null): TaxRule {
  const country = customer?.countryCode ?? 'DE';
  if (country === 'DE') return { taxId: TAX.sale19, taxGroupId: TAX_GROUP.vat19, ratePct: 19, fiscalPositionId: null };
  if (isEuMember(country)) {
    return customer?.vatId
      ? { taxId: TAX.saleEu0, taxGroupId: TAX_GROUP.vat0, ratePct: 0, fiscalPositionId: FISCAL_POSITION.intraEu }
      : { taxId: TAX.sale19, taxGroupId: TAX_GROUP.vat19, ratePct: 19, fiscalPositionId: FISCAL_POSITION.domestic };
  }
  return { taxId: TAX.saleExport0, taxGroupId: TAX_GROUP.vat0, ratePct: 0, fiscalPositionId: FISCAL_POSITION.nonEu };
}

/** Per-line tax in cents, rounded half away from zero (Odoo "round per line"). */
export function lineTaxCents(subtotalCents: number, ratePct: number): number {
  if (ratePct === 0) return 0;
  const x = (subtotalCents * ratePct) / 100;
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
