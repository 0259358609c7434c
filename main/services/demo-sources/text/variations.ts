/**
 * Name and website renderings (spec §4.6). One primary operator per rendering by weight among the
 * operators that apply to the entity, plus a 25% chance of a cheap secondary (case or suffix).
 * Every rendering reports the operators applied: they are ground truth (gt_*.render_ops).
 */
import type { Rng } from '../rng';
import type { EntityRec } from '../model';
import { abbreviate, casePunct, swapForm, translit, typo, wordOrder } from './ops';
import { isNonAscii } from './translit';
import { country } from '../reference/countries';

export type RenderOp =
  | 'exact' | 'case' | 'suffix' | 'abbreviation' | 'translit' | 'script' | 'typo' | 'word_order' | 'qualifier'
  | 'subsidiary_parent' | 'rebrand' | 'title_leakage' | 'person' | 'trading_name';

export type Rendered = { name: string; ops: RenderOp[] };

const WEIGHTS: readonly (readonly [RenderOp, number])[] = [
  ['exact', 28], ['case', 12], ['suffix', 18], ['abbreviation', 8], ['translit', 7], ['typo', 7], ['word_order', 4], ['qualifier', 5],
  ['subsidiary_parent', 5], ['rebrand', 2], ['title_leakage', 2], ['person', 1], ['trading_name', 1],
];

export function difficultyOf(ops: readonly string[]): 'exact' | 'easy' | 'medium' | 'hard' | 'very_hard' {
  const rank = (op: string): number =>
    op === 'exact' ? 0 : op === 'case' || op === 'suffix' ? 1 : op === 'abbreviation' || op === 'translit' || op === 'qualifier' || op === 'word_order' ? 2
      : op === 'typo' || op === 'subsidiary_parent' || op === 'script' || op === 'title_leakage' ? 3 : 4;
  const max = Math.max(0, ...ops.map(rank));
  return (['exact', 'easy', 'medium', 'hard', 'very_hard'] as const)[max] ?? 'exact';
}

function withForm(base: string, form: string): string {
  return form ? `${base} ${form}` : base;
}

/** Applies one operator; null when it does not apply to this entity. */
export function applyOp(op: RenderOp, e: EntityRec, rng: Rng, ctx: { workload?: string }): string | null {
  const latinName = withForm(e.baseLatin, e.legalForm);
  switch (op) {
    case 'exact':
      return e.template === 'script' ? null : e.canonicalName;
    case 'case':
      return casePunct(e.template === 'script' ? latinName : e.canonicalName, rng);
    case 'suffix': {
      if (!e.legalForm || e.template === 'script') return null;
      if (rng.chance(0.3)) return e.base;
      const other = swapForm(e.legalForm, rng) ?? country(e.countryCode).forms.find((f) => f !== e.legalForm) ?? null;
      return other ? withForm(e.base, other) : e.base;
    }
    case 'abbreviation': {
      if (e.acronym && rng.chance(0.4)) return rng.chance(0.5) ? e.acronym : `${e.acronym} ${e.legalForm}`.trim();
      const a = abbreviate(latinName, rng);
      return a ?? (e.acronym ? e.acronym : null);
    }
    case 'translit':
      return e.template === 'script' ? null : translit(e.canonicalName, rng);
    case 'script':
      return e.template === 'script' ? (rng.chance(0.5) ? latinName : withForm(e.baseLatin, rng.pick(['Co., Ltd.', 'K.K.', 'Ltd', '']))) : null;
    case 'typo':
      return typo(e.template === 'script' ? latinName : e.canonicalName, rng);
    case 'word_order':
      return wordOrder(e.template === 'script' ? latinName : e.canonicalName, rng) ?? (e.template === 'surnames' ? wordOrder(e.base, rng) : null);
    case 'qualifier': {
      const c = country(e.countryCode);
      const q = rng.pick([' – IT', ` (${c.name})`, ' DACH', ' EMEA', ' - Head Office', ` ${c.code}`]);
      return `${rng.chance(0.5) ? e.baseLatin : latinName}${q}`;
    }
    case 'subsidiary_parent':
      return e.groupName;
    case 'rebrand':
      return e.formerNames[0] ?? null;
    case 'title_leakage':
      return ctx.workload ? `${e.template === 'script' ? e.baseLatin : e.base} - ${ctx.workload}` : null;
    case 'person':
      return e.person ? (rng.chance(0.5) ? `${e.person.first} ${e.person.last}` : `${e.person.last}, ${e.person.first}`) : null;
    case 'trading_name':
      return e.tradingName;
  }
}

/**
 * ACE-side rendering of an entity's company name relative to what Odoo shows.
 * `forced` pins the primary operator (rebrand when Odoo still shows the former name, …).
 */
export function renderName(e: EntityRec, rng: Rng, ctx: { workload?: string; forced?: RenderOp | null; exclude?: readonly RenderOp[] }): Rendered {
  const ops: RenderOp[] = [];
  let name: string | null = null;
  if (ctx.forced) {
    name = applyOp(ctx.forced, e, rng, ctx);
    if (name !== null) ops.push(ctx.forced);
  }
  if (name === null) {
    const pool = WEIGHTS.filter(([op]) => !(ctx.exclude ?? []).includes(op) && op !== 'rebrand');
    for (let attempt = 0; attempt < 12 && name === null; attempt++) {
      const op = e.template === 'script' && attempt === 0 && rng.chance(0.6) ? 'script' : rng.weighted(pool);
      name = applyOp(op, e, rng, ctx);
      if (name !== null && name !== '') ops.push(op);
      else name = null;
    }
  }
  if (name === null) {
    name = e.template === 'script' ? withForm(e.baseLatin, e.legalForm) : e.canonicalName;
    ops.push(e.template === 'script' ? 'script' : 'exact');
  }
  if (rng.chance(0.25) && ops[0] !== 'person' && ops[0] !== 'title_leakage') {
    if (rng.chance(0.5)) {
      const cased = casePunct(name, rng);
      if (cased !== name) {
        name = cased;
        ops.push('case');
      }
    } else if (e.legalForm && name.endsWith(` ${e.legalForm}`)) {
      const other = swapForm(e.legalForm, rng);
      name = other ? `${name.slice(0, -e.legalForm.length - 1)} ${other}` : name.slice(0, -e.legalForm.length - 1);
      ops.push('suffix');
    }
  }
  if (ops.length > 1 && ops[0] === 'exact') ops.shift();
  return { name: name.slice(0, 120), ops };
}

/** Light Odoo-side variation of a partner name typed into a lead (crm_lead.partner_name). */
export function renderLight(e: EntityRec, base: string, rng: Rng): Rendered {
  const op = rng.weighted([['exact', 70], ['case', 10], ['suffix', 10], ['typo', 5], ['translit', isNonAscii(base) ? 5 : 0]] as const);
  if (op === 'exact') return { name: base, ops: ['exact'] };
  if (op === 'case') return { name: casePunct(base, rng), ops: ['case'] };
  if (op === 'suffix' && e.legalForm && base.endsWith(` ${e.legalForm}`)) {
    const other = swapForm(e.legalForm, rng);
    return { name: other ? `${base.slice(0, -e.legalForm.length - 1)} ${other}` : base.slice(0, -e.legalForm.length - 1), ops: ['suffix'] };
  }
  if (op === 'typo') {
    const t = typo(base, rng);
    if (t) return { name: t, ops: ['typo'] };
  }
  if (op === 'translit') {
    const t = translit(base, rng);
    if (t) return { name: t, ops: ['translit'] };
  }
  return { name: base, ops: ['exact'] };
}
