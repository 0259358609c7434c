/**
 * Vendors and the partner itself (spec §4.5): the AWS legal entities are hard negatives for AWS-ish
 * customer names (HN10). The partner is Odoo's own company (res_partner 1).
 */
import type { EntityRec } from '../model';
import { countryOf } from './naming';

type VendorDef = { name: string; base: string; form: string; country: string; domain: string; kind: 'vendor' | 'partner_self'; industry: string };

export const PARTNER_SELF = { name: 'Nordwolke Cloud Partners GmbH', domain: 'nordwolke-partners.de', msp: 'nordwolke-msp.de' };

export const AWS_LEGAL_ENTITIES = ['Amazon Web Services EMEA SARL', 'Amazon Web Services, Inc.', 'Amazon Internet Services Private Limited'] as const;

const VENDORS: VendorDef[] = [
  { name: PARTNER_SELF.name, base: 'Nordwolke Cloud Partners', form: 'GmbH', country: 'DE', domain: PARTNER_SELF.domain, kind: 'partner_self', industry: 'Professional Services' },
  { name: 'Amazon Web Services EMEA SARL', base: 'Amazon Web Services EMEA', form: 'SARL', country: 'LU', domain: 'aws.amazon.com', kind: 'vendor', industry: 'Software and Internet' },
  { name: 'Amazon Web Services, Inc.', base: 'Amazon Web Services', form: 'Inc.', country: 'US', domain: 'aws.amazon.com', kind: 'vendor', industry: 'Software and Internet' },
  { name: 'Amazon Internet Services Private Limited', base: 'Amazon Internet Services', form: 'Private Limited', country: 'IN', domain: 'aws.amazon.com', kind: 'vendor', industry: 'Software and Internet' },
  { name: 'Arrowhead Cloud Distribution GmbH', base: 'Arrowhead Cloud Distribution', form: 'GmbH', country: 'DE', domain: 'arrowhead-cloud.de', kind: 'vendor', industry: 'Wholesale and Distribution' },
  { name: 'Datacenter Eins GmbH', base: 'Datacenter Eins', form: 'GmbH', country: 'DE', domain: 'datacenter-eins.de', kind: 'vendor', industry: 'Telecommunications' },
  { name: 'Lernwerk Training GmbH', base: 'Lernwerk Training', form: 'GmbH', country: 'DE', domain: 'lernwerk-training.de', kind: 'vendor', industry: 'Education' },
  { name: 'Kanzlei Berger & Partner', base: 'Kanzlei Berger & Partner', form: '', country: 'DE', domain: 'kanzlei-berger.de', kind: 'vendor', industry: 'Professional Services' },
  { name: 'CleanDesk Facility Services GmbH', base: 'CleanDesk Facility Services', form: 'GmbH', country: 'DE', domain: 'cleandesk.de', kind: 'vendor', industry: 'Professional Services' },
  { name: 'Global Travel Desk Ltd', base: 'Global Travel Desk', form: 'Ltd', country: 'GB', domain: 'globaltraveldesk.co.uk', kind: 'vendor', industry: 'Travel' },
  { name: 'Office Supplies Direct Ltd', base: 'Office Supplies Direct', form: 'Ltd', country: 'GB', domain: 'officesuppliesdirect.co.uk', kind: 'vendor', industry: 'Retail' },
  { name: 'SecureSign Trust Services SA', base: 'SecureSign Trust Services', form: 'SA', country: 'CH', domain: 'securesign.ch', kind: 'vendor', industry: 'Software and Internet' },
];

export const VENDOR_COUNT = VENDORS.length;

export function buildVendors(ids: readonly string[]): EntityRec[] {
  return VENDORS.map((v, i) => {
    const c = countryOf(v.country);
    const id = ids[i] ?? `V${i}`;
    return {
      entityId: id, groupId: id, canonicalName: v.name, canonicalNameLatin: v.name, shortName: v.base, acronym: null, legalForm: v.form,
      countryCode: v.country, industry: v.industry, primaryDomain: v.domain, otherDomains: [], formerNames: [], rebrandDate: null,
      isIndividual: false, kind: v.kind, lang: c.lang, base: v.base, baseLatin: v.base, root: v.base.split(' ')[0] ?? v.base, noun: null,
      template: 'root_noun', city: c.cities[0] ?? { name: '', state: null, zip: '' }, street: '1 Main Street', groupName: null, groupDomain: null,
      tradingName: null, person: null, formerDomain: null, pool: 'none', needsAws: false, hn: null,
      people: [{ first: 'Accounts', last: 'Receivable', email: `billing@${v.domain}`, phone: `${c.phone} 000 000`, title: 'Billing' }],
    };
  });
}
