/**
 * The shape of the entity universe before names are drawn: which customers live in Odoo, which form
 * groups, and which customers are the targets of hard-negative confusers (so their names get the shape
 * the family needs, e.g. a civic name for HN3). Pure function of (seed, scale config).
 */
import { stream } from '../rng';
import type { Template } from '../model';
import { HN_FAMILIES, type HnFamily, type ScaleConfig } from '../scale';

export type Forced = { template: Template | null; rebrand: boolean; aws: boolean; latinOnly: boolean };

export type GroupPlan = { index: number; members: string[] };

export type HnPlan = { family: HnFamily; confuserId: string; targetId: string | null };

export type UniversePlan = {
  customerIds: string[];
  pool: Map<string, 'odoo' | 'ace'>;
  groups: GroupPlan[];
  groupOf: Map<string, GroupPlan>;
  forced: Map<string, Forced>;
  hardNegatives: HnPlan[];
  vendorIds: string[];
};

export function entityId(n: number): string {
  return `E${String(n).padStart(6, '0')}`;
}

const TEMPLATE_FOR: Partial<Record<HnFamily, Template>> = {
  HN1: 'root_noun', HN2: 'root_noun', HN3: 'civic', HN4: 'root_only', HN5: 'acronym', HN6: 'root_noun', HN7: 'individual', HN9: 'franchise',
};

export function planUniverse(seed: string, cfg: ScaleConfig, vendorCount: number): UniversePlan {
  const customerIds = Array.from({ length: cfg.customers }, (_, i) => entityId(i + 1));
  // Pool by a per-entity hash, so the Odoo/ACE split does not depend on list order.
  const ranked = customerIds
    .map((id) => ({ id, u: stream(seed, `pool|${id}`).next() }))
    .sort((a, b) => a.u - b.u || (a.id < b.id ? -1 : 1));
  const pool = new Map<string, 'odoo' | 'ace'>();
  ranked.forEach((x, i) => pool.set(x.id, i < cfg.odooCustomers ? 'odoo' : 'ace'));

  // Groups: 2–5 legal entities each, at least one of them in Odoo.
  const rng = stream(seed, 'groups|plan');
  const free = rng.shuffle(customerIds);
  const groups: GroupPlan[] = [];
  const groupOf = new Map<string, GroupPlan>();
  for (let g = 0; g < cfg.groups && free.length >= 2; g++) {
    const size = Math.min(free.length, rng.weighted([[2, 60], [3, 25], [4, 10], [5, 5]] as const));
    const members = free.splice(0, size);
    if (!members.some((m) => pool.get(m) === 'odoo')) {
      const swapAt = free.findIndex((m) => pool.get(m) === 'odoo');
      if (swapAt >= 0) [members[0], free[swapAt]] = [free[swapAt] as string, members[0] as string];
    }
    const plan: GroupPlan = { index: g + 1, members };
    groups.push(plan);
    for (const m of members) groupOf.set(m, plan);
  }

  // Hard-negative targets: Odoo customers (the pair is confuser ACE opp ↔ target Odoo lead).
  const forced = new Map<string, Forced>();
  const hardNegatives: HnPlan[] = [];
  const hrng = stream(seed, 'hn|targets');
  const odooFree = hrng.shuffle(customerIds.filter((id) => pool.get(id) === 'odoo' && !groupOf.has(id)));
  const odooGrouped = hrng.shuffle(customerIds.filter((id) => pool.get(id) === 'odoo' && groupOf.has(id)));
  let next = cfg.customers + 1;
  for (const family of HN_FAMILIES) {
    for (let k = 0; k < cfg.hardNegatives[family]; k++) {
      const confuserId = entityId(next++);
      let targetId: string | null = null;
      if (family === 'HN12') targetId = odooGrouped.shift() ?? null;
      else if (family !== 'HN10') targetId = odooFree.shift() ?? null;
      if (family !== 'HN10' && targetId === null) throw new Error(`not enough Odoo customers for ${family} targets`);
      if (targetId && family !== 'HN12') {
        forced.set(targetId, { template: TEMPLATE_FOR[family] ?? null, rebrand: family === 'HN11', aws: family === 'HN8', latinOnly: true });
      }
      hardNegatives.push({ family, confuserId, targetId });
    }
  }
  const vendorIds = Array.from({ length: vendorCount }, () => entityId(next++));
  return { customerIds, pool, groups, groupOf, forced, hardNegatives, vendorIds };
}
