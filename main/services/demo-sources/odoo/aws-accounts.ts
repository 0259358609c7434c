/**
 * c_aws_accounts rows (spec §1.3) from the account plan, once partners and leads have ids:
 * partner_id NULL for unmapped accounts (~4%), lead_id on exactly the planned number of accounts.
 */
import { stream } from '../rng';
import { ODOO_IDS } from '../universe-types';
import { DAY, odooTs, clamp } from '../dates';
import { addRow, type World } from '../world';

export function resolveAccountLinks(w: World): void {
  for (const a of w.accounts.accounts) {
    if (a.billingMode === 'internal' && !a.isPayer) a.partnerId = ODOO_IDS.companyPartner;
    else if (a.entityId) a.partnerId = w.partnerOf.get(a.entityId) ?? null;
    const dealId = w.accounts.leadDealOf.get(a.odooId);
    if (dealId) {
      const leads = w.leadsByDeal.get(dealId) ?? [];
      const lead = leads.find((l) => l.state === 'won') ?? leads[leads.length - 1];
      if (!lead) throw new Error(`account ${a.awsAccountId}: planned deal ${dealId} has no Odoo lead`);
      a.leadId = lead.id;
    }
  }
}

export function buildAccountRows(w: World): void {
  for (const a of w.accounts.accounts) {
    const rng = stream(w.seed, `c_aws_accounts|${a.awsAccountId}`);
    const onboard = Date.parse(`${a.onboardingDate}T00:00:00Z`);
    const created = clamp(onboard - rng.int(1, 20) * DAY + rng.int(8, 17) * 3600_000, w.clock.historyStart - 1500 * DAY, w.clock.end - DAY);
    const off = a.offboardingDate ? Date.parse(`${a.offboardingDate}T00:00:00Z`) : null;
    const entity = a.entityId ? w.byId.get(a.entityId) : undefined;
    const currency = entity?.countryCode === 'US' ? ODOO_IDS.currency.USD : entity?.countryCode === 'GB' ? ODOO_IDS.currency.GBP : ODOO_IDS.currency.EUR;
    addRow(w, 'c_aws_accounts', {
      id: a.odooId, name: a.name, aws_account_id: a.awsAccountId, payer_account_id: a.payerAccountId, is_payer: a.isPayer, account_email: a.accountEmail,
      partner_id: a.partnerId, lead_id: a.leadId, billing_mode: a.billingMode, status: a.status, onboarding_date: a.onboardingDate,
      offboarding_date: a.offboardingDate, support_plan: a.supportPlan, currency_id: currency, company_id: ODOO_IDS.company, active: a.status !== 'closed',
      notes: a.previousPayer ? `Moved from payer ${a.previousPayer.payerAccountId} in ${a.previousPayer.untilMonth.slice(0, 7)}` : a.partnerId === null && !a.isPayer ? 'Owner unknown – please map' : null,
      create_uid: ODOO_IDS.adminUser, create_date: odooTs(created), write_uid: ODOO_IDS.adminUser,
      write_date: odooTs(clamp(Math.max(created, off ?? 0) + rng.int(0, 30) * DAY, created, w.clock.end)),
    });
  }
}
