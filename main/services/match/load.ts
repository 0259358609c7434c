/**
 * Reads the matcher's inputs from core (and the analyst decisions from ops) and converts them to the pure
 * engine's input types.
 */
import type { Queryable } from '../../../db/types';
import { readAceOpportunities, readDecisions, readOdooOpportunities, type AceOpportunityRow, type OdooOpportunityRow } from '../../../db/queries/match';
import type { AceOpportunityInput, OdooOpportunityInput } from '../../../app/match/types';

const num = (s: string | null): number | null => (s == null ? null : Number(s));

export function odooInput(r: OdooOpportunityRow): OdooOpportunityInput {
  return {
    sourceId: r.source_id, name: r.name, status: r.status, companyName: r.company_name, partnerName: r.partner_name,
    commercialPartnerName: r.commercial_partner_name, leadPartnerName: r.lead_partner_name, commercialPartnerId: r.commercial_partner_id,
    countryCode: r.country_code, website: r.website, partnerWebsite: r.partner_website, emailFrom: r.email_from, partnerEmail: r.partner_email,
    normalizedDomain: r.normalized_domain, contactName: r.contact_name, userName: r.user_name, userEmail: r.user_email, awsAccountIds: r.aws_account_ids ?? [],
    aceRef: r.ace_opportunity_ref, description: r.description, referred: r.referred, expectedRevenue: num(r.expected_revenue),
    recurringMonthly: num(r.recurring_revenue_monthly), created: r.create_ms, deadline: r.deadline_ms,
  };
}

export function aceInput(r: AceOpportunityRow): AceOpportunityInput {
  return {
    sourceId: r.source_id, name: r.name, accountName: r.account_name, endUserCompanyName: r.end_user_company_name, countryCode: r.customer_country_code,
    website: r.customer_website, customerEmail: r.customer_email, customerName: r.customer_name, normalizedDomain: r.normalized_domain,
    ownerName: r.partner_sales_rep_name, ownerEmail: r.partner_sales_rep_email, awsAccountIds: r.aws_account_ids ?? [], partnerCrmLeadId: r.partner_crm_lead_id,
    status: r.status, stage: r.stage, mrr: num(r.project_budget), created: r.create_ms, targetClose: r.close_ms,
  };
}

export type Decisions = Map<string, { accept?: string; rejects: string[]; none?: boolean }>;

export async function loadInputs(db: Queryable, opts: { decisions?: boolean } = {}): Promise<{ odoo: OdooOpportunityInput[]; ace: AceOpportunityInput[]; decisions: Decisions }> {
  const odoo = (await readOdooOpportunities(db)).map(odooInput);
  const ace = (await readAceOpportunities(db)).map(aceInput);
  const decisions: Decisions = new Map();
  if (opts.decisions ?? true) {
    for (const d of await readDecisions(db)) {
      const cur = decisions.get(d.ace_source_id) ?? { rejects: [] };
      if (d.decision === 'accept' && d.odoo_source_id != null) cur.accept = String(d.odoo_source_id);
      else if (d.decision === 'reject' && d.odoo_source_id != null) cur.rejects.push(String(d.odoo_source_id));
      else if (d.decision === 'no_match') cur.none = true;
      decisions.set(d.ace_source_id, cur);
    }
  }
  return { odoo, ace, decisions };
}
