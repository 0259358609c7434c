/**
 * Internal plan of the CRM/ACE half: entities, deals and the records rendered from them.
 * Invariant: rows are plain column→value records built once (values already in COPY-ready form:
 * strings for numeric/timestamp/jsonb, numbers for int, booleans, null); ground truth is derived from the
 * same plan objects, never re-read from the databases.
 */
import type { Entity } from './universe-types';
import type { Lang } from './text/names-latin';
import type { City } from './reference/countries';
import type { HnFamily } from './scale';

export type Row = Record<string, unknown>;

/** Name templates of spec §4.3 plus the forced shapes hard negatives need. */
export type Template = 'root_noun' | 'root_only' | 'surnames' | 'civic' | 'one_word' | 'acronym' | 'individual' | 'script' | 'group_member' | 'franchise';

export type EntityRec = Entity & {
  lang: Lang;
  /** name without the legal form (native script for non-Latin entities) */
  base: string;
  /** Latin rendering of base (= base for Latin names) */
  baseLatin: string;
  root: string;
  noun: string | null;
  template: Template;
  city: City;
  street: string;
  groupName: string | null;
  groupDomain: string | null;
  /** doing-business-as name (spec §4.6 'trading name') */
  tradingName: string | null;
  person: { first: string; last: string } | null;
  /** website before the rebrand (half of the rebrands change domain) */
  formerDomain: string | null;
  /** where the entity's records live: Odoo (and maybe ACE), ACE only, or nowhere (vendors/self) */
  pool: 'odoo' | 'ace' | 'none';
  /** must own AWS accounts (HN8 pairs, fixture accounts) */
  needsAws: boolean;
  hn: { family: HnFamily; targetId: string | null; vendorPartnerName: string | null } | null;
  /** contacts of the company (Odoo contacts and ACE contacts are drawn from the same people) */
  people: Person[];
};

export type Person = { first: string; last: string; email: string; phone: string; title: string };

export type DealSet = 'both' | 'resubmission' | 'phased' | 'odoo_only' | 'ace_in_odoo' | 'ace_absent';
export type Outcome = 'open' | 'won' | 'lost';
export type Origin = 'Partner Referral' | 'AWS Referral';

/** Verbatim renderings for the tiny golden fixture (spec Appendix E). */
export type DealFixture = {
  example: number;
  leadName?: string;
  leadPartnerName?: string;
  leadWebsite?: string;
  aceCompany?: string;
  aceWebsite?: string | null;
  aceAwsId?: string;
  aceOps?: string[];
  leadOps?: string[];
  /** ACE partner_crm_unique_identifier typed by the rep */
  aceCrmRef?: string;
};

export type Deal = {
  dealId: string;
  entityId: string;
  set: DealSet;
  workload: string;
  useCase: string;
  deliveryModels: string[];
  origin: Origin;
  createdAt: number;
  closeAt: number;
  outcome: Outcome;
  servicesValue: number;
  mrr: number;
  migration: boolean;
  ai: boolean;
  fx: DealFixture | null;
  /** the deal is an AWS referral for the same workload as another open deal (channel conflict) */
  conflictOf: string | null;
  /** 'both' deals: a first ACE submission was rejected and re-submitted (2 ACE opps) */
  resubmitted: boolean;
  /** 'both' deals: keyed twice in Odoo by two reps (2 active leads) */
  duplicated: boolean;
  /** edge case: ACE target close is exactly closeAt (no jitter) */
  exactClose: boolean;
};

export type LeadPlan = {
  id: number;
  dealId: string | null;
  entityId: string | null;
  type: 'opportunity' | 'lead';
  /** res_partner.id of the commercial partner the lead hangs off (null: free text only) */
  commercialPartnerId: number | null;
  state: 'open' | 'won' | 'lost' | 'lost_stage';
  createdAt: number;
  closedAt: number | null;
  deadline: number | null;
  renderOps: string[];
  aceIds: string[];
  /** hard-deleted merge tail: the id exists in the sequence only */
  merged: boolean;
  mergedInto: number | null;
  phase: 1 | 2 | null;
  /** un-merged duplicate of another lead of the same deal */
  duplicateOf: LeadPlan | null;
  row: Row;
};

export type AcePlan = {
  /** apn_opportunity.id */
  id: number;
  aceId: string;
  dealId: string | null;
  entityId: string;
  endUserId: number;
  origin: Origin;
  /** open = stage not Launched/Closed Lost and not a rejected/expired referral */
  open: boolean;
  targetClose: number | null;
  createdAt: number;
  renderOps: string[];
  difficulty: 'exact' | 'easy' | 'medium' | 'hard' | 'very_hard';
  life: AceLife;
  /** first submission of a re-submitted deal (rejected) */
  resubmissionFirst: boolean;
  row: Row;
};

export type AceLife = {
  ownership: Origin;
  /** review status (partner referrals) */
  status: string | null;
  /** partner acceptance (AWS referrals) */
  acceptance: string | null;
  acceptBy: number | null;
  stage: string;
  awsStage: string;
  closedAt: number | null;
  lastModified: number;
};

export type PairLabel = 'match' | 'same_customer_other_deal' | 'same_group_other_entity' | 'hard_negative';

export type Pair = {
  aceId: string;
  leadId: number | null;
  /** partner-level negatives (HN10 vendor) have no lead */
  odooPartnerId: number | null;
  label: PairLabel;
  family: string;
  accountMatchExpected: boolean;
};
