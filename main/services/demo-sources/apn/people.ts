/**
 * apn_users (the partner's Partner Central users: 70% same email as the Odoo login, 20% an alias form,
 * 10% without an Odoo user), apn_companies (the partner itself + co-sell/distribution partners) and
 * apn_contacts (customer, partner and AWS contacts per opportunity; exact target count).
 */
import { stream } from '../rng';
import { addDays, DAY, tsTz } from '../dates';
import { FIRST_NAMES, SURNAMES } from '../text/names-latin';
import { slug } from '../text/translit';
import { PARTNER_SELF } from '../universe/vendors';
import { AWS_PEOPLE } from './values';
import { addRow, type World } from '../world';

export type ApnUser = { id: number; first: string; last: string; email: string };

const ROLES = ['ACE User', 'ACE Manager', 'Alliance Lead', 'Alliance Team', 'Standard User'];

export function buildApnUsers(w: World): ApnUser[] {
  const rng = stream(w.seed, 'apn|users');
  const internal = w.users.filter((u) => !u.share);
  const out: ApnUser[] = [];
  const emails = new Set<string>();
  for (let i = 0; i < w.cfg.apn.users; i++) {
    const u = internal[i];
    let first: string;
    let last: string;
    let email: string;
    const kind = u ? rng.weighted([['same', 70], ['alias', 20], ['none', 10]] as const) : 'none';
    if (u && kind !== 'none') {
      first = u.first;
      last = u.last;
      email = kind === 'same' ? u.login : `${slug(first).charAt(0)}.${slug(last)}@${PARTNER_SELF.domain}`;
    } else {
      first = rng.pick(FIRST_NAMES.de ?? []);
      last = rng.pick(SURNAMES.en ?? []);
      email = `${slug(first)}.${slug(last)}@${PARTNER_SELF.domain}`;
    }
    if (emails.has(email)) email = email.replace('@', `${i}@`);
    emails.add(email);
    const id = i + 1;
    const created = addDays(w.clock.historyStart, -rng.int(0, 900));
    addRow(w, 'apn_users', {
      id, first_name: first, last_name: last, email, business_title: rng.pick(['Account Executive', 'Alliance Manager', 'Solutions Architect', 'Sales Director', 'Presales Engineer']),
      ace_role: i === 0 ? 'Alliance Lead' : rng.pick(ROLES), active: u ? u.active : rng.chance(0.7),
      last_login: tsTz(addDays(w.clock.asOf, -rng.int(0, 120)) + rng.int(0, 80_000) * 1000), created_date: tsTz(created),
      last_modified_date: tsTz(Math.min(w.clock.end, created + rng.int(0, 700) * DAY)),
    });
    out.push({ id, first, last, email });
  }
  return out;
}

const CO_PARTNERS = ['Arrowhead Cloud Distribution', 'Bluewave Consulting', 'Datawise Analytics', 'Securelane MSSP', 'Kubeforge', 'Skybridge Software', 'Northwind Training', 'Ferrous Hardware'];

export function buildApnCompanies(w: World): void {
  const rng = stream(w.seed, 'apn|companies');
  const sfid = (): string => `0010L00001${Array.from({ length: 8 }, () => rng.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz0123456789'])).join('')}`;
  for (let i = 0; i < w.cfg.apn.companies; i++) {
    const self = i === 0;
    const base = self ? 'Nordwolke Cloud Partners' : `${CO_PARTNERS[(i - 1) % CO_PARTNERS.length]}${i > CO_PARTNERS.length ? ` ${Math.ceil(i / CO_PARTNERS.length)}` : ''}`;
    const created = addDays(w.clock.historyStart, -rng.int(0, 1500));
    addRow(w, 'apn_companies', {
      id: i + 1, apn_partner_id: sfid(), name: self ? `${base} GmbH` : base, website: `https://www.${self ? PARTNER_SELF.domain : `${slug(base)}.com`}`,
      country_code: self ? 'DE' : rng.pick(['DE', 'US', 'GB', 'NL', 'FR']), partner_tier: self ? 'Advanced' : rng.pick(['Registered', 'Select', 'Advanced', 'Premier']),
      partner_type: base.includes('Distribution') ? 'Distribution' : base.includes('Training') ? 'Training' : base.includes('Hardware') ? 'Hardware' : rng.pick(['Services', 'Software']),
      is_self: self, created_date: tsTz(created), last_modified_date: tsTz(Math.min(w.clock.end, created + rng.int(0, 900) * DAY)),
    });
  }
}

export function buildApnContacts(w: World, users: ApnUser[]): void {
  const n = w.aces.length;
  const target = w.cfg.apn.contacts;
  let id = 0;
  const rest = Math.max(0, target - n);
  const extraAt = new Map<number, number>();
  for (let j = 0; j < rest; j++) {
    const k = Math.floor((j * n) / rest);
    extraAt.set(k, (extraAt.get(k) ?? 0) + 1);
  }
  w.aces.forEach((a, k) => {
    const rng = stream(w.seed, `apn|contacts|${a.aceId}`);
    const e = w.byId.get(a.entityId);
    const kinds: string[] = ['customer'];
    for (let x = 0; x < (extraAt.get(k) ?? 0); x++) kinds.push(rng.weighted([['customer', 40], ['partner', 30], ['aws', 30]] as const));
    for (const kind of kinds) {
      if (id >= target) return;
      let first: string;
      let last: string;
      let email: string;
      let title: string;
      let phone: string | null = null;
      if (kind === 'customer' && e) {
        const p = rng.pick(e.people);
        ({ first, last, email, title, phone } = p);
      } else if (kind === 'partner') {
        const u = rng.pick(users);
        ({ first, last, email } = u);
        title = 'Account Executive';
      } else {
        const name = rng.pick(AWS_PEOPLE).split(' ');
        first = name[0] ?? 'AWS';
        last = name[1] ?? 'Rep';
        email = `${slug(first).charAt(0)}${slug(last)}@amazon.com`;
        title = rng.pick(['AWSSalesRep', 'AWSAccountOwner', 'PDM', 'PSM', 'WWPSPDM']);
      }
      id++;
      addRow(w, 'apn_contacts', {
        id, end_user_id: kind === 'customer' ? a.endUserId : null, opportunity_id: a.id, first_name: first, last_name: last, email, phone,
        business_title: title, contact_type: kind, created_date: tsTz(Math.min(w.clock.end, a.createdAt + rng.int(0, 5) * DAY)),
        last_modified_date: tsTz(Math.min(w.clock.end, Math.max(a.createdAt + 5 * DAY, a.life.lastModified))),
      });
    }
  });
}
