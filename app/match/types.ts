/**
 * Inputs and prepared records of the ACE ↔ Odoo opportunity matcher (pure; the service reads the rows from
 * core.ace_opportunities / core.odoo_opportunities and hands them here).
 *
 * Invariants:
 * - Dates are epoch milliseconds (UTC) or null; amounts are numbers or null.
 * - A prepared record holds only normalized keys: every comparison is a function of two prepared records.
 */

export type OdooOpportunityInput = {
  sourceId: number;
  name: string;
  status: string | null;
  companyName: string | null;
  partnerName: string | null;
  commercialPartnerName: string | null;
  leadPartnerName: string | null;
  commercialPartnerId: number | null;
  countryCode: string | null;
  website: string | null;
  partnerWebsite: string | null;
  emailFrom: string | null;
  partnerEmail: string | null;
  normalizedDomain: string | null;
  contactName: string | null;
  userName: string | null;
  userEmail: string | null;
  awsAccountIds: string[];
  aceRef: string | null;
  description: string | null;
  referred: string | null;
  expectedRevenue: number | null;
  recurringMonthly: number | null;
  created: number | null;
  deadline: number | null;
};

export type AceOpportunityInput = {
  sourceId: string;
  name: string;
  accountName: string | null;
  endUserCompanyName: string | null;
  countryCode: string | null;
  website: string | null;
  customerEmail: string | null;
  customerName: string | null;
  normalizedDomain: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  awsAccountIds: string[];
  partnerCrmLeadId: number | null;
  status: string | null;
  stage: string | null;
  mrr: number | null;
  created: number | null;
  targetClose: number | null;
};

/** A company name reduced to the keys the comparisons use. */
export type NameKey = {
  normalized: string;
  fold: string;
  tokens: readonly string[];
  tokenSet: ReadonlySet<string>;
  /** initials of the tokens ('' under two tokens) */
  initials: string;
};

export type Prepared = {
  key: string;
  names: NameKey[];
  domains: string[];
  /** registrable label without suffix and hyphens ("helios-energy.de" → "heliosenergy") */
  domainLabels: string[];
  accounts: string[];
  country: string | null;
  emails: string[];
  /** normalized person names (contact) */
  people: string[];
  /** Odoo: the words of the opportunity's title ("Nordlicht - SAP on AWS"), which usually name the customer */
  titleTokens: ReadonlySet<string>;
  /** words describing the deal (title, notes) without the company's own words */
  dealTokens: ReadonlySet<string>;
  created: number | null;
  close: number | null;
  /** amounts as the record states them (Odoo: expected revenue, recurring monthly; ACE: MRR) */
  amounts: number[];
  stage: 'open' | 'won' | 'lost' | null;
  /** Odoo: its own lead id and merged tails' ids; ACE: the Odoo lead id it names */
  leadRefs: number[];
  /** Odoo: ACE ids it names; ACE: its own id */
  aceRefs: string[];
  /** Odoo: the commercial partner (opportunities of one company share it) */
  companyId: string | null;
};
