/**
 * Odoo reference data (spec §1.2, §4.1 DAG step 1): company, countries, states, languages, industries,
 * users (res_users has no name: it delegates to res_partner), teams, stages, lost reasons, tags, sources.
 * Fixed ids: res_partner 1 = own company, 2 = OdooBot, 3 = admin, 4 = public user; res_users 1 = OdooBot,
 * 2 = admin; generated users from 6, generated partners from 7.
 */
import { stream } from '../rng';
import { ODOO_IDS } from '../universe-types';
import { COUNTRIES, country } from '../reference/countries';
import { statesOf } from '../reference/states';
import { addDays, odooTs } from '../dates';
import { FIRST_NAMES, SURNAMES } from '../text/names-latin';
import { slug } from '../text/translit';
import { INDUSTRIES } from '../universe/entities';
import { PARTNER_SELF } from '../universe/vendors';
import { addRow, nextId, type StageKey, type UserRec, type World } from '../world';

const TEAMS = ['Sales DACH', 'Enterprise', 'Public Sector', 'Sales Nordics', 'SMB & Digital Natives', 'Renewals & Expansion'];
const TEAM_DE: Record<string, string> = { 'Sales DACH': 'Vertrieb DACH', Enterprise: 'Großkunden', 'Public Sector': 'Öffentlicher Sektor', 'Sales Nordics': 'Vertrieb Nordics', 'SMB & Digital Natives': 'Mittelstand & Digital Natives', 'Renewals & Expansion': 'Verlängerungen & Ausbau' };
const STAGES: [StageKey, string, string, number, boolean, boolean][] = [
  ['new', 'New', 'Neu', 1, false, false], ['discovery', 'Discovery', 'Bedarfsanalyse', 2, false, false], ['qualified', 'Qualified', 'Qualifiziert', 3, false, false],
  ['techval', 'Technical Validation', 'Technische Validierung', 4, false, false], ['proposal', 'Proposal Sent', 'Angebot versendet', 5, false, false],
  ['negotiation', 'Negotiation', 'Verhandlung', 6, false, false], ['won', 'Won', 'Gewonnen', 70, true, false], ['lost', 'Lost', 'Verloren', 80, false, true],
  ['tender', 'Tender Submitted', 'Ausschreibung eingereicht', 5, false, false],
];
const LOST_REASONS = ['Too expensive', 'We don\'t have people/skills', 'Not enough stock', 'Lost to competitor', 'Customer stayed on-premises', 'Project cancelled', 'No budget', 'No response'];
export const TAGS = ['AWS', 'MAP', 'POC', 'Co-Sell', 'Marketplace', 'Managed Services', 'Public Tender', 'GenAI'];
export const SOURCES = ['AWS Referral', 'ACE', 'Website', 'Event', 'Partner Referral', 'Cold Call', 'Newsletter'];

const jname = (en: string, de?: string): Record<string, string> => (de ? { en_US: en, de_DE: de } : { en_US: en });

export function buildReference(w: World): void {
  const created = odooTs(addDays(w.clock.historyStart, -1200));
  const audit = { create_uid: ODOO_IDS.adminUser, create_date: created, write_uid: ODOO_IDS.adminUser, write_date: created };
  addRow(w, 'res_company', { id: ODOO_IDS.company, name: PARTNER_SELF.name, partner_id: ODOO_IDS.companyPartner, currency_id: ODOO_IDS.currency.EUR,
    country_id: null, email: `info@${PARTNER_SELF.domain}`, vat: 'DE298765432', ...audit });
  COUNTRIES.forEach((c, i) => {
    const id = i + 1;
    w.countryId.set(c.code, id);
    const cur = c.code === 'US' ? ODOO_IDS.currency.USD : c.code === 'GB' ? ODOO_IDS.currency.GBP : c.code === 'CH' ? ODOO_IDS.currency.CHF : ['DE', 'AT', 'FR', 'NL', 'ES', 'IT', 'FI', 'BE', 'IE', 'GR', 'LU'].includes(c.code) ? ODOO_IDS.currency.EUR : null;
    addRow(w, 'res_country', { id, code: c.code, name: jname(c.name, c.lang === 'de' ? c.localName : undefined), phone_code: Number(c.phone.slice(1)), currency_id: cur, ...audit });
  });
  (w.rows.get('res_company')?.[0] ?? {}).country_id = w.countryId.get('DE');
  const used = new Set(w.entities.map((e) => e.countryCode));
  used.add('DE');
  for (const code of [...used].sort()) {
    for (const s of statesOf(code)) {
      const id = nextId(w, 'res_country_state');
      w.stateId.set(`${code}:${s.code}`, id);
      addRow(w, 'res_country_state', { id, country_id: w.countryId.get(code), name: s.name, code: s.code, ...audit });
    }
  }
  const langs = [...new Set(COUNTRIES.map((c) => c.odooLang))].sort();
  langs.forEach((code, i) => {
    w.langId.set(code, i + 1);
    const active = ['en_US', 'de_DE', 'fr_FR', 'en_GB'].includes(code);
    addRow(w, 'res_lang', { id: i + 1, name: code, code, iso_code: code.split('_')[0], active, ...audit });
  });
  INDUSTRIES.forEach(([name], i) => {
    w.industryId.set(name, i + 1);
    addRow(w, 'res_partner_industry', { id: i + 1, name: jname(name), full_name: jname(name), active: true, ...audit });
  });
  buildUsers(w, audit);
  const teams = TEAMS.slice(0, w.cfg.teams);
  teams.forEach((t, i) => {
    const id = i + 1;
    w.teamIds.push(id);
    const leader = w.users.find((u) => u.teamId === id && u.active && !u.share);
    addRow(w, 'crm_team', { id, name: jname(t, TEAM_DE[t]), sequence: (i + 1) * 10, active: true, company_id: ODOO_IDS.company, user_id: leader?.userId ?? ODOO_IDS.adminUser,
      color: i + 1, use_leads: true, use_opportunities: true, alias_id: null, ...audit });
  });
  let member = 1;
  for (const u of w.users) {
    if (u.teamId !== null && !u.share) addRow(w, 'crm_team_member', { id: member++, crm_team_id: u.teamId, user_id: u.userId, active: u.active, ...audit });
  }
  const publicTeam = teams.indexOf('Public Sector') >= 0 ? teams.indexOf('Public Sector') + 1 : (w.teamIds[w.teamIds.length - 1] ?? 1);
  STAGES.forEach(([key, en, de, seq, won, fold], i) => {
    w.stageId[key] = i + 1;
    addRow(w, 'crm_stage', { id: i + 1, name: jname(en, de), sequence: seq, is_won: won, requirements: null, team_id: key === 'tender' ? publicTeam : null, fold, color: 0, ...audit });
  });
  LOST_REASONS.forEach((r, i) => {
    w.lostReasonIds.push(i + 1);
    addRow(w, 'crm_lost_reason', { id: i + 1, name: jname(r), active: true, ...audit });
  });
  TAGS.forEach((t, i) => {
    w.tagIds.set(t, i + 1);
    addRow(w, 'crm_tag', { id: i + 1, name: jname(t), color: (i % 11) + 1, ...audit });
  });
  SOURCES.forEach((s, i) => {
    w.sourceId.set(s, i + 1);
    addRow(w, 'utm_source', { id: i + 1, name: s, ...audit });
  });
  [['Monthly', 'Monatlich', 1], ['Quarterly', 'Quartalsweise', 3], ['Yearly', 'Jährlich', 12]].forEach(([en, de, n], i) =>
    addRow(w, 'crm_recurring_plan', { id: i + 1, name: jname(en as string, de as string), number_of_months: n, active: true, ...audit }));
  [['New', 'Neu'], ['In Progress', 'In Bearbeitung'], ['Done', 'Erledigt'], ['Cancelled', 'Abgebrochen']].forEach(([en, de], i) =>
    addRow(w, 'project_project_stage', { id: i + 1, name: jname(en as string, de as string), sequence: i + 1, fold: i >= 2, active: true, ...audit }));
}

/** System partners 1–4, then users (internal active, archived, portal) with their partners from id 7. */
function buildUsers(w: World, audit: Record<string, unknown>): void {
  const de = country('DE');
  const sys = (id: number, name: string, email: string | null, active: boolean): void => {
    addRow(w, 'res_partner', { id, name, complete_name: name, is_company: id === 1, type: 'contact', commercial_partner_id: id, email, email_normalized: email,
      active, company_id: id === 1 ? null : ODOO_IDS.company, partner_share: false, lang: 'de_DE', tz: de.tz, customer_rank: 0, supplier_rank: 0,
      website: id === 1 ? `https://www.${PARTNER_SELF.domain}` : null, country_id: w.countryId.get('DE'), ...audit });
  };
  sys(ODOO_IDS.companyPartner, PARTNER_SELF.name, `info@${PARTNER_SELF.domain}`, true);
  sys(2, 'OdooBot', 'odoobot@example.com', false);
  sys(3, 'Administrator', `admin@${PARTNER_SELF.domain}`, true);
  sys(4, 'Public user', null, false);
  addRow(w, 'res_users', { id: ODOO_IDS.odooBotUser, login: '__system__', partner_id: 2, active: false, company_id: 1, share: false, notification_type: 'inbox', ...audit });
  addRow(w, 'res_users', { id: ODOO_IDS.adminUser, login: 'admin', partner_id: 3, active: true, company_id: 1, share: false, notification_type: 'email', ...audit });
  w.seq.set('res_partner', 7);
  w.seq.set('res_users', 6);
  const rng = stream(w.seed, 'users');
  const { internal, archived, portal } = w.cfg.users;
  const taken = new Set<string>();
  for (let i = 0; i < internal + archived + portal; i++) {
    const share = i >= internal + archived;
    const active = i < internal || share;
    const lang = rng.chance(0.7) ? 'de' : 'en';
    let first = '';
    let last = '';
    let login = '';
    for (;;) {
      first = rng.pick(FIRST_NAMES[lang] ?? []);
      last = rng.pick(SURNAMES[lang] ?? []);
      login = share ? `${slug(first)}.${slug(last)}@${rng.pick(['gmail.com', 'arrowhead-cloud.de'])}` : `${slug(first)}.${slug(last)}@${PARTNER_SELF.domain}`;
      if (!taken.has(login)) break;
    }
    taken.add(login);
    const partnerId = nextId(w, 'res_partner');
    const userId = nextId(w, 'res_users');
    const teamId = share ? null : ((i % w.cfg.teams) + 1);
    const name = `${first} ${last}`;
    addRow(w, 'res_partner', { id: partnerId, name, complete_name: share ? name : `${PARTNER_SELF.name}, ${name}`, is_company: false, parent_id: share ? null : ODOO_IDS.companyPartner,
      commercial_partner_id: share ? partnerId : ODOO_IDS.companyPartner, type: 'contact', email: login, email_normalized: login, active,
      company_id: ODOO_IDS.company, partner_share: share, employee: !share, lang: lang === 'de' ? 'de_DE' : 'en_US', tz: 'Europe/Berlin',
      customer_rank: 0, supplier_rank: 0, country_id: w.countryId.get('DE'), ...audit });
    addRow(w, 'res_users', { id: userId, login, partner_id: partnerId, active, company_id: ODOO_IDS.company, share, notification_type: 'email',
      signature: `<p>${name}</p>`, login_date: active ? odooTs(addDays(w.clock.asOf, -rng.int(0, 20)) + rng.int(0, 86_000) * 1000) : null, ...audit });
    const rec: UserRec = { userId, partnerId, login, name, teamId, active, share, first, last };
    w.users.push(rec);
  }
}
