/**
 * The CRM/ACE half's working state: plan objects plus the rows rendered per table.
 * Invariant: ids are allocated here, sequentially per table in generation order (spec §4.1).
 */
import type { GenParams, OdooUser } from './universe-types';
import type { AcePlan, Deal, EntityRec, LeadPlan, Pair, Row } from './model';
import type { ScaleConfig } from './scale';
import type { Clock } from './dates';
import type { UniversePlan } from './universe/plan';
import type { AccountPlan } from './universe/accounts';

export type StageKey = 'new' | 'discovery' | 'qualified' | 'techval' | 'proposal' | 'negotiation' | 'won' | 'lost' | 'tender';

export type UserRec = OdooUser & { active: boolean; share: boolean; first: string; last: string };

export type World = {
  seed: string;
  params: GenParams;
  cfg: ScaleConfig;
  clock: Clock;
  plan: UniversePlan;
  entities: EntityRec[];
  byId: Map<string, EntityRec>;
  deals: Deal[];
  dealById: Map<string, Deal>;
  accounts: AccountPlan;
  countryId: Map<string, number>;
  stateId: Map<string, number>;
  langId: Map<string, number>;
  industryId: Map<string, number>;
  users: UserRec[];
  teamIds: number[];
  stageId: Record<StageKey, number>;
  lostReasonIds: number[];
  tagIds: Map<string, number>;
  sourceId: Map<string, number>;
  /** entity → canonical company partner */
  partnerOf: Map<string, number>;
  /** entity → all company partners (canonical first, then duplicates) */
  companiesOf: Map<string, number[]>;
  contactsOf: Map<string, number[]>;
  partnerRole: Map<number, { entityId: string | null; role: string; canonical: boolean }>;
  /** displayed name of the canonical Odoo partner (may be the former or group name) */
  odooNameOf: Map<string, { name: string; op: 'former' | 'group' | 'native' | 'latin' | null }>;
  vendorPartnerIds: Record<string, number>;
  amOf: Map<string, { userId: number; teamId: number }>;
  leads: LeadPlan[];
  leadsByDeal: Map<string, LeadPlan[]>;
  aces: AcePlan[];
  acesByDeal: Map<string, AcePlan[]>;
  pairs: Pair[];
  rows: Map<string, Row[]>;
  /** next id per table */
  seq: Map<string, number>;
};

/** Next sequential id of a table (first call returns `start`). */
export function nextId(w: World, table: string, start = 1): number {
  const id = w.seq.get(table) ?? start;
  w.seq.set(table, id + 1);
  return id;
}

export function addRow(w: World, table: string, row: Row): void {
  const list = w.rows.get(table);
  if (list) list.push(row);
  else w.rows.set(table, [row]);
}

export function rowsOf(w: World, table: string): Row[] {
  return w.rows.get(table) ?? [];
}
