/**
 * The contract between the two halves of the synthetic source generator:
 * the CRM/ACE half builds a `Universe` (entities, Odoo partners, AWS accounts, deals, users, currencies)
 * and the billing half turns it into CUR rows, SPP bills, staging bills and invoices.
 *
 * Invariants:
 * - Everything is a pure function of (seed, scale, asOf): streams come from rng.ts `stream(seed, key)`.
 * - Dates are ISO strings 'YYYY-MM-DD' (UTC), derived as offsets from asOf.
 * - AWS account ids are 12-character digit strings (leading zeros kept), never numbers.
 * - Odoo ids are allocated sequentially per table in generation order (see spec §4.1).
 */

export type Scale = 'tiny' | 'small' | 'prod';

export type GenParams = {
  seed: string;
  scale: Scale;
  /** 'YYYY-MM-DD'; default 2026-06-30 */
  asOf: string;
  /** 36: history = the 36 calendar months ending with asOf's month */
  historyMonths: number;
  companyCurrency: 'EUR';
  /** exact row counts for the headline tables (prod) */
  exactCounts: boolean;
};

export type EntityKind = 'customer' | 'confuser' | 'vendor' | 'partner_self';

export type Entity = {
  entityId: string; // 'E000001'
  groupId: string;
  canonicalName: string;
  canonicalNameLatin: string;
  shortName: string;
  acronym: string | null;
  legalForm: string;
  countryCode: string; // ISO 3166-1 alpha-2
  industry: string; // ACE industry enum value
  primaryDomain: string | null;
  otherDomains: string[];
  formerNames: string[];
  rebrandDate: string | null;
  isIndividual: boolean;
  kind: EntityKind;
};

/** An Odoo commercial partner (res_partner company row) that billing invoices. */
export type BillingCustomer = {
  partnerId: number; // res_partner.id (commercial partner)
  entityId: string;
  countryCode: string;
  vatId: string | null;
  isIndividual: boolean;
  industry: string;
  /** invoice currency (company currency is EUR) */
  currency: 'EUR' | 'USD' | 'GBP' | 'CHF';
  /** res_users.id of the account manager (invoice_user_id) */
  userId: number;
  /** crm_team.id */
  teamId: number;
  /** true when the customer's deals include an AI/ML use case (SageMaker/Bedrock boost) */
  aiUseCase: boolean;
};

export type BillingMode = 'spp_resold' | 'partner_led_support' | 'direct_customer_payer' | 'internal';

export type AwsAccount = {
  /** c_aws_accounts.id */
  odooId: number;
  awsAccountId: string; // 12 digits
  name: string; // alias 'acme-prod'
  payerAccountId: string; // 12 digits; = awsAccountId for payers
  isPayer: boolean;
  /** the payer it moved from (1% of accounts move payer mid-history) and the month it moved ('YYYY-MM-01') */
  previousPayer: { payerAccountId: string; untilMonth: string } | null;
  entityId: string | null; // null = unmapped
  partnerId: number | null; // res_partner.id of the commercial customer; null = unmapped (~4%)
  leadId: number | null; // crm_lead.id (exactly 65 at prod)
  billingMode: BillingMode;
  status: 'active' | 'suspended' | 'closed';
  onboardingDate: string;
  offboardingDate: string | null;
  supportPlan: 'basic' | 'developer' | 'business' | 'enterprise' | 'partner_led';
  accountEmail: string;
};

/** A won (or committed) deal that moves an account's spend: migrations step up spend after close. */
export type SpendEvent = {
  entityId: string;
  kind: 'migration' | 'other';
  /** Odoo close date of the won deal */
  closeDate: string;
};

/** Approved AWS credits from funding requests: they must reappear as CUR `Credit` rows (spec §5.9). */
export type CreditGrant = {
  awsAccountId: string;
  amountUsd: number;
  /** first month the credit can be consumed, 'YYYY-MM-01' */
  startMonth: string;
  months: number; // validity, 12
  source: string; // 'FR-0004215871' or 'promo'
};

export type OdooUser = { userId: number; partnerId: number; login: string; name: string; teamId: number | null };

/** A confirmed sale order for services (T&M, MAP fixed fee, managed-service subscription) that billing invoices. */
export type ServiceOrder = {
  saleOrderId: number; // sale_order.id
  name: string; // 'S00042'
  partnerId: number; // commercial partner
  confirmedDate: string;
  kind: 'time_and_materials' | 'fixed_fee' | 'subscription';
  /** product_product.id from the billing half's catalog (billing/catalog.ts) and the untaxed amount in EUR */
  lines: { productId: number; amountEur: number; description: string }[];
};

export type Universe = {
  params: GenParams;
  entities: Entity[];
  customers: BillingCustomer[];
  accounts: AwsAccount[];
  /** the 3 (prod) / 1 (small) partner SPP payer account ids, with their region: 'EU' | 'US' | 'APJ' */
  sppPayers: { awsAccountId: string; region: 'EU' | 'US' | 'APJ' }[];
  spendEvents: SpendEvent[];
  creditGrants: CreditGrant[];
  users: OdooUser[];
  /** res_partner.id of the AWS legal entities as vendors ('Amazon Web Services EMEA SARL', …) keyed by legal entity name */
  awsVendorPartnerIds: Record<string, number>;
  serviceOrders: ServiceOrder[];
  /** res_company.id = 1, partner id of our own company = 1 */
  companyId: number;
  /**
   * Entities with an open ACE opportunity whose prior-month spend the billing half must steer
   * (threshold cohort, spec §5.2): 'force-4999.99' | 'force-5000.00' | 'near-threshold' | 'gross-over-net-under'.
   */
  spendTargets: { entityId: string; target: 'force-4999.99' | 'force-5000.00' | 'near-threshold' | 'gross-over-net-under' }[];
};

/** What the billing half reports back for ground truth (gt_pod_expected, gt_billing_anomaly). */
export type BillingFacts = {
  /** prior month = calendar month before asOf; keyed by entityId; absent = no spend data (unknown, not 0) */
  priorMonthSpend: Map<string, { grossUsd: number; netUsd: number }>;
  anomalies: {
    kind: string;
    billId: number | null;
    moveId: number | null;
    awsAccountId: string | null;
    period: string | null;
    detail: Record<string, unknown>;
  }[];
};

/**
 * Where generated tables go. `createTable` takes a full CREATE TABLE statement (Odoo column types);
 * `copy` streams rows in primary-key order (values: string | number | boolean | Date | null | arrays | objects
 * for jsonb) and returns the row count. Memory stays bounded: pass generators, not arrays of millions of rows.
 */
export type SourceWriter = {
  createTable(ddl: string): Promise<void>;
  copy(table: string, columns: readonly string[], rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>): Promise<number>;
  /** run SQL after loading (indexes, FKs, sequence resets, updates) */
  exec(sql: string): Promise<void>;
};

/** Fixed Odoo ids shared by both halves (Odoo's own data ids where they exist). */
export const ODOO_IDS = {
  company: 1,
  companyPartner: 1,
  odooBotUser: 1,
  adminUser: 2,
  currency: { EUR: 1, USD: 2, GBP: 3, CHF: 4 },
} as const;
