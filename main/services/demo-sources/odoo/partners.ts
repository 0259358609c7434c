/**
 * res_partner (spec §1.2, §4.5): vendors, then per Odoo entity a company record (7% a duplicate, 1% a
 * third), contacts (6% orphans with a free-text company_name), invoice/delivery addresses.
 * The displayed company name drifts: former name after a rebrand, group name, native script or Latin.
 */
import { stream, type Rng } from '../rng';
import { ODOO_IDS } from '../universe-types';
import type { EntityRec, Person } from '../model';
import { country, EU } from '../reference/countries';
import { DAY, odooTs, clamp } from '../dates';
import { renderLight } from '../text/variations';
import { renderWebsite } from '../text/website';
import { addRow, nextId, type World } from '../world';

export function entityCreatedAt(w: World, e: EntityRec): number {
  const times = w.leads.filter((l) => l.entityId === e.entityId && l.type === 'opportunity').map((l) => l.createdAt);
  const rng = stream(w.seed, `partner|created|${e.entityId}`);
  const first = times.length > 0 ? Math.min(...times) : w.clock.asOf - rng.int(100, 900) * DAY;
  return first - rng.int(0, 90) * DAY - rng.int(0, 36_000) * 1000;
}

function vatFor(rng: Rng, e: EntityRec): string | null {
  if (e.isIndividual) return null;
  if (rng.chance(0.03)) return '/';
  if (EU.has(e.countryCode) || e.countryCode === 'GB' || e.countryCode === 'CH') {
    if (!rng.chance(0.8)) return null;
    const digits = Array.from({ length: 9 }, () => rng.int(0, 9)).join('');
    return e.countryCode === 'CH' ? `CHE-${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)} MWST` : `${e.countryCode === 'GR' ? 'EL' : e.countryCode}${digits}`;
  }
  return null;
}

function emailOf(p: Person, rng: Rng): { email: string; normalized: string } {
  const bare = p.email;
  const email = rng.chance(0.1) ? `"${p.first} ${p.last}" <${bare}>` : bare;
  return { email, normalized: bare.trim().toLowerCase() };
}

function chooseOdooName(w: World, e: EntityRec, createdAt: number, rng: Rng): void {
  if (w.odooNameOf.has(e.entityId)) return; // pinned by the tiny fixture
  if (e.formerNames[0] && e.rebrandDate && createdAt < Date.parse(`${e.rebrandDate}T00:00:00Z`) && rng.chance(0.6)) {
    w.odooNameOf.set(e.entityId, { name: e.formerNames[0], op: 'former' });
  } else if (e.groupName && rng.chance(0.15)) {
    w.odooNameOf.set(e.entityId, { name: e.groupName, op: 'group' });
  } else if (e.template === 'script') {
    w.odooNameOf.set(e.entityId, rng.chance(0.6) ? { name: e.canonicalName, op: 'native' } : { name: `${e.baseLatin} ${e.legalForm}`.trim(), op: 'latin' });
  } else {
    w.odooNameOf.set(e.entityId, { name: e.canonicalName, op: null });
  }
}

export function buildPartners(w: World): void {
  const vendors = w.entities.filter((e) => e.kind === 'vendor');
  const self = w.entities.find((e) => e.kind === 'partner_self');
  if (self) {
    w.partnerOf.set(self.entityId, ODOO_IDS.companyPartner);
    w.companiesOf.set(self.entityId, [ODOO_IDS.companyPartner]);
    w.partnerRole.set(ODOO_IDS.companyPartner, { entityId: self.entityId, role: 'company', canonical: true });
  }
  for (const v of vendors) {
    const id = company(w, v, v.canonicalName, w.clock.historyStart - 800 * DAY, true, 'vendor');
    w.vendorPartnerIds[v.canonicalName] = id;
  }
  const inOdoo = w.entities.filter((e) => (e.kind === 'customer' && e.pool === 'odoo') || (e.kind === 'confuser' && e.needsAws));
  for (const e of inOdoo) {
    const rng = stream(w.seed, `partner|${e.entityId}`);
    const createdAt = entityCreatedAt(w, e);
    chooseOdooName(w, e, createdAt, rng);
    const shown = w.odooNameOf.get(e.entityId)?.name ?? e.canonicalName;
    const main = company(w, e, shown, createdAt, true, 'company');
    w.partnerOf.set(e.entityId, main);
    const companies = [main];
    const dupes = e.kind === 'customer' ? (rng.chance(0.07) ? (rng.chance(0.14) ? 2 : 1) : 0) : 0;
    for (let k = 0; k < dupes; k++) {
      let variant = renderLight(e, shown, rng);
      if (variant.name === shown) variant = { name: shown.toUpperCase() === shown ? `${shown} ` : shown.toUpperCase(), ops: ['case'] };
      const id = company(w, e, variant.name, createdAt + rng.int(30, 700) * DAY, !rng.chance(0.4), 'duplicate_company');
      companies.push(id);
    }
    w.companiesOf.set(e.entityId, companies);
    contacts(w, e, main, shown, createdAt, rng);
  }
}

function company(w: World, e: EntityRec, name: string, created: number, active: boolean, role: string): number {
  const rng = stream(w.seed, `partner|company|${e.entityId}|${role}|${name}`);
  const c = country(e.countryCode);
  const id = nextId(w, 'res_partner');
  const createdAt = clamp(created, w.clock.historyStart - 1500 * DAY, w.clock.end - DAY);
  const am = w.amOf.get(e.entityId);
  const stale = w.odooNameOf.get(e.entityId)?.op === 'former' || (!!e.formerDomain && rng.chance(0.5));
  const web = role === 'vendor' ? { value: `https://${e.primaryDomain}` } : renderWebsite(e, 'odoo', rng, { stale });
  const generic = e.people[0];
  const mail = e.primaryDomain && rng.chance(0.5) ? `${rng.pick(['info', 'office', 'contact', 'hello'])}@${e.primaryDomain}` : e.isIndividual && generic ? generic.email : null;
  const stateCode = e.city.state;
  addRow(w, 'res_partner', {
    id, name, complete_name: name, is_company: !e.isIndividual || rng.chance(0.5), parent_id: null, commercial_partner_id: id, commercial_company_name: name,
    company_name: null, type: 'contact', ref: role === 'vendor' ? `V-${String(id).padStart(5, '0')}` : rng.chance(0.6) ? `C-${String(id).padStart(5, '0')}` : null,
    vat: role === 'vendor' ? null : vatFor(rng, e), company_registry: e.countryCode === 'DE' && rng.chance(0.3) ? `HRB ${rng.int(1000, 240_000)}` : null,
    email: mail, email_normalized: mail?.toLowerCase() ?? null, phone: rng.chance(0.7) ? `${c.phone} ${rng.int(10, 999)} ${rng.int(100_000, 9_999_999)}` : null,
    mobile: null, website: web.value, street: e.street, street2: rng.chance(0.1) ? rng.pick(['2. OG', 'Suite 300', 'Building B', 'c/o Finance']) : null,
    zip: e.city.zip, city: e.city.name, state_id: stateCode ? (w.stateId.get(`${e.countryCode}:${stateCode}`) ?? null) : null,
    country_id: w.countryId.get(e.countryCode) ?? null, industry_id: rng.chance(0.6) ? (w.industryId.get(e.industry) ?? null) : null,
    lang: c.odooLang, tz: c.tz, user_id: role === 'vendor' ? null : (am?.userId ?? null), team_id: role === 'vendor' ? null : (am?.teamId ?? null),
    company_id: null, active, customer_rank: role === 'vendor' ? 0 : rng.int(0, 12), supplier_rank: role === 'vendor' ? rng.int(1, 40) : 0,
    partner_share: true, employee: false, color: 0, comment: null, c_apn_end_user_ref: null,
    create_uid: am?.userId ?? ODOO_IDS.adminUser, create_date: odooTs(createdAt),
    write_uid: am?.userId ?? ODOO_IDS.adminUser, write_date: odooTs(clamp(createdAt + rng.int(0, 400) * DAY, createdAt, w.clock.end)),
  });
  w.partnerRole.set(id, { entityId: e.entityId, role, canonical: role === 'company' || role === 'vendor' });
  return id;
}

function contacts(w: World, e: EntityRec, parent: number, companyName: string, createdAt: number, rng: Rng): void {
  const ids: number[] = [];
  const c = country(e.countryCode);
  const am = w.amOf.get(e.entityId);
  const nContacts = e.kind === 'confuser' ? 1 : Math.max(1, e.people.length - (rng.chance(0.55) ? 1 : 0));
  e.people.slice(0, nContacts).forEach((p, i) => {
    const id = nextId(w, 'res_partner');
    const orphan = i > 0 && rng.chance(0.06);
    const { email, normalized } = emailOf(p, rng);
    const created = clamp(createdAt + rng.int(0, 500) * DAY, createdAt, w.clock.end - DAY);
    const name = `${p.first} ${p.last}`;
    addRow(w, 'res_partner', {
      id, name, complete_name: orphan ? name : `${companyName}, ${name}`, is_company: false, parent_id: orphan ? null : parent,
      commercial_partner_id: orphan ? id : parent, commercial_company_name: orphan ? null : companyName,
      company_name: orphan ? renderLight(e, companyName, rng).name : null, type: 'contact', email, email_normalized: normalized,
      phone: rng.chance(0.6) ? p.phone : null, mobile: rng.chance(0.3) ? `${c.phone} 1${rng.int(50, 79)} ${rng.int(1_000_000, 9_999_999)}` : null,
      function: p.title, street: orphan ? null : e.street, zip: orphan ? null : e.city.zip, city: orphan ? null : e.city.name,
      country_id: w.countryId.get(e.countryCode) ?? null, lang: c.odooLang, tz: c.tz, user_id: am?.userId ?? null, active: !rng.chance(0.05),
      customer_rank: 0, supplier_rank: 0, partner_share: true, employee: false, color: 0,
      create_uid: am?.userId ?? ODOO_IDS.adminUser, create_date: odooTs(created), write_uid: am?.userId ?? ODOO_IDS.adminUser,
      write_date: odooTs(clamp(created + rng.int(0, 300) * DAY, created, w.clock.end)),
    });
    w.partnerRole.set(id, { entityId: e.entityId, role: orphan ? 'orphan_contact' : 'contact', canonical: false });
    ids.push(id);
  });
  w.contactsOf.set(e.entityId, ids);
  const billed = w.accounts.byEntity.has(e.entityId);
  const addresses: [string, string | null, string | null][] = [];
  if (billed && rng.chance(0.2)) {
    const local = e.countryCode === 'DE' ? rng.pick(['rechnung', 'buchhaltung', 'invoices']) : rng.pick(['invoices', 'ap', 'accounts.payable']);
    addresses.push(['invoice', e.countryCode === 'DE' ? 'Buchhaltung' : 'Accounts Payable', e.primaryDomain ? `${local}@${e.primaryDomain}` : null]);
  }
  if (rng.chance(0.1)) addresses.push(['delivery', null, null]);
  if (rng.chance(0.1)) addresses.push(['other', rng.chance(0.5) ? 'Rechenzentrum' : null, null]);
  for (const [type, name, email] of addresses) {
    const id = nextId(w, 'res_partner');
    const created = clamp(createdAt + rng.int(10, 400) * DAY, createdAt, w.clock.end - DAY);
    addRow(w, 'res_partner', {
      id, name, complete_name: name ? `${companyName}, ${name}` : companyName, is_company: false, parent_id: parent, commercial_partner_id: parent,
      commercial_company_name: companyName, type, email, email_normalized: email, street: e.street, zip: e.city.zip, city: e.city.name,
      country_id: w.countryId.get(e.countryCode) ?? null, lang: c.odooLang, active: true, customer_rank: 0, supplier_rank: 0, partner_share: true,
      employee: false, color: 0, create_uid: ODOO_IDS.adminUser, create_date: odooTs(created), write_uid: ODOO_IDS.adminUser, write_date: odooTs(created),
    });
    w.partnerRole.set(id, { entityId: e.entityId, role: type === 'invoice' ? 'invoice_address' : `${type}_address`, canonical: false });
  }
}
