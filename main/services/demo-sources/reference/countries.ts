/**
 * Countries of the generated universe (spec §4.3 shares), their language, legal forms (Appendix A),
 * local TLD, phone prefix and a few cities (state code where the country has states; postal codes as text).
 */
import type { Lang } from '../text/names-latin';

export type City = { name: string; state: string | null; zip: string };

export type Country = {
  code: string;
  name: string;
  /** name in the country's language (res_country.name translations, ACE 'Deutschland' quirk) */
  localName: string;
  lang: Lang;
  /** Odoo lang code for res_partner.lang */
  odooLang: string;
  tz: string;
  share: number;
  tld: string;
  phone: string;
  /** legal forms: first = canonical default; variants used by the suffix operator */
  forms: string[];
  cities: City[];
};

const c = (name: string, state: string | null, zip: string): City => ({ name, state, zip });

export const COUNTRIES: Country[] = [
  { code: 'DE', name: 'Germany', localName: 'Deutschland', lang: 'de', odooLang: 'de_DE', tz: 'Europe/Berlin', share: 19, tld: 'de', phone: '+49',
    forms: ['GmbH', 'AG', 'GmbH & Co. KG', 'KG', 'e.K.', 'UG (haftungsbeschränkt)', 'SE'],
    cities: [c('Berlin', 'BE', '10115'), c('Hamburg', 'HH', '20095'), c('München', 'BY', '80331'), c('Frankfurt am Main', 'HE', '60311'),
      c('Köln', 'NW', '50667'), c('Stuttgart', 'BW', '70173'), c('Düsseldorf', 'NW', '40213'), c('Leipzig', 'SN', '04109'),
      c('Dresden', 'SN', '01067'), c('Hannover', 'NI', '30159'), c('Nürnberg', 'BY', '90402'), c('Bremen', 'HB', '28195'),
      c('Halle (Saale)', 'ST', '06108'), c('Erfurt', 'TH', '99084'), c('Mainz', 'RP', '55116'), c('Kiel', 'SH', '24103')] },
  { code: 'US', name: 'United States', localName: 'United States', lang: 'en', odooLang: 'en_US', tz: 'America/New_York', share: 18, tld: 'com', phone: '+1',
    forms: ['Inc.', 'LLC', 'Corp.', 'Corporation', 'Inc', 'Incorporated', 'L.L.C.', 'Co.'],
    cities: [c('Boston', 'MA', '02108'), c('New York', 'NY', '10001'), c('San Francisco', 'CA', '94105'), c('Seattle', 'WA', '98101'),
      c('Austin', 'TX', '78701'), c('Chicago', 'IL', '60601'), c('Atlanta', 'GA', '30303'), c('Denver', 'CO', '80202'),
      c('Washington', 'DC', '20001'), c('Newark', 'NJ', '07102'), c('Miami', 'FL', '33131'), c('Portland', 'OR', '97204')] },
  { code: 'GB', name: 'United Kingdom', localName: 'United Kingdom', lang: 'en', odooLang: 'en_GB', tz: 'Europe/London', share: 9, tld: 'co.uk', phone: '+44',
    forms: ['Ltd', 'Ltd.', 'Limited', 'PLC', 'plc', 'LLP'],
    cities: [c('London', null, 'EC2A 4NE'), c('Manchester', null, 'M1 1AE'), c('Edinburgh', null, 'EH1 1YZ'), c('Bristol', null, 'BS1 4DJ'), c('Leeds', null, 'LS1 4DY')] },
  { code: 'AT', name: 'Austria', localName: 'Österreich', lang: 'de', odooLang: 'de_AT', tz: 'Europe/Vienna', share: 5, tld: 'at', phone: '+43',
    forms: ['GmbH', 'AG'], cities: [c('Wien', null, '1010'), c('Graz', null, '8010'), c('Linz', null, '4020'), c('Salzburg', null, '5020'), c('Hallein', null, '5400')] },
  { code: 'CH', name: 'Switzerland', localName: 'Schweiz', lang: 'de', odooLang: 'de_CH', tz: 'Europe/Zurich', share: 5, tld: 'ch', phone: '+41',
    forms: ['AG', 'GmbH', 'SA', 'Sàrl'], cities: [c('Zürich', null, '8001'), c('Basel', null, '4051'), c('Bern', null, '3011'), c('Genève', null, '1201')] },
  { code: 'FR', name: 'France', localName: 'France', lang: 'fr', odooLang: 'fr_FR', tz: 'Europe/Paris', share: 5, tld: 'fr', phone: '+33',
    forms: ['SAS', 'SA', 'SARL', 'SASU'], cities: [c('Paris', null, '75008'), c('Lyon', null, '69002'), c('Toulouse', null, '31000'), c('Nantes', null, '44000'), c('Lille', null, '59000')] },
  { code: 'NL', name: 'Netherlands', localName: 'Nederland', lang: 'nl', odooLang: 'nl_NL', tz: 'Europe/Amsterdam', share: 4, tld: 'nl', phone: '+31',
    forms: ['B.V.', 'BV', 'N.V.'], cities: [c('Amsterdam', null, '1012 AB'), c('Rotterdam', null, '3011 AD'), c('Utrecht', null, '3511 AX'), c('Eindhoven', null, '5611 AB')] },
  { code: 'ES', name: 'Spain', localName: 'España', lang: 'es', odooLang: 'es_ES', tz: 'Europe/Madrid', share: 3, tld: 'es', phone: '+34',
    forms: ['S.L.', 'S.A.', 'S.L.U.'], cities: [c('Madrid', 'M', '28001'), c('Barcelona', 'B', '08001'), c('Valencia', 'V', '46001'), c('Sevilla', 'SE', '41001'), c('Bilbao', 'BI', '48001')] },
  { code: 'IT', name: 'Italy', localName: 'Italia', lang: 'it', odooLang: 'it_IT', tz: 'Europe/Rome', share: 3, tld: 'it', phone: '+39',
    forms: ['S.r.l.', 'S.p.A.'], cities: [c('Milano', 'MI', '20121'), c('Roma', 'RM', '00184'), c('Torino', 'TO', '10121'), c('Napoli', 'NA', '80133'), c('Bologna', 'BO', '40121')] },
  { code: 'SE', name: 'Sweden', localName: 'Sverige', lang: 'sv', odooLang: 'sv_SE', tz: 'Europe/Stockholm', share: 3, tld: 'se', phone: '+46',
    forms: ['AB'], cities: [c('Stockholm', null, '111 22'), c('Göteborg', null, '411 03'), c('Malmö', null, '211 20')] },
  { code: 'IN', name: 'India', localName: 'India', lang: 'en', odooLang: 'en_IN', tz: 'Asia/Kolkata', share: 3, tld: 'in', phone: '+91',
    forms: ['Pvt. Ltd.', 'Private Limited', 'Ltd.'], cities: [c('Bengaluru', 'KA', '560001'), c('Mumbai', 'MH', '400001'), c('Pune', 'MH', '411001'), c('Hyderabad', 'TG', '500001'), c('Chennai', 'TN', '600001')] },
  { code: 'PL', name: 'Poland', localName: 'Polska', lang: 'pl', odooLang: 'pl_PL', tz: 'Europe/Warsaw', share: 2, tld: 'pl', phone: '+48',
    forms: ['Sp. z o.o.', 'S.A.'], cities: [c('Warszawa', null, '00-001'), c('Kraków', null, '30-001'), c('Łódź', null, '90-001'), c('Wrocław', null, '50-001')] },
  { code: 'DK', name: 'Denmark', localName: 'Danmark', lang: 'da', odooLang: 'da_DK', tz: 'Europe/Copenhagen', share: 2, tld: 'dk', phone: '+45',
    forms: ['A/S', 'ApS'], cities: [c('København', null, '1050'), c('Aarhus', null, '8000'), c('Aalborg', null, '9000')] },
  { code: 'NO', name: 'Norway', localName: 'Norge', lang: 'no', odooLang: 'nb_NO', tz: 'Europe/Oslo', share: 2, tld: 'no', phone: '+47',
    forms: ['AS', 'ASA'], cities: [c('Oslo', null, '0150'), c('Bergen', null, '5003'), c('Trondheim', null, '7010')] },
  { code: 'JP', name: 'Japan', localName: '日本', lang: 'ja', odooLang: 'ja_JP', tz: 'Asia/Tokyo', share: 2, tld: 'co.jp', phone: '+81',
    forms: ['K.K.', 'Co., Ltd.'], cities: [c('Tokyo', null, '100-0005'), c('Osaka', null, '530-0001'), c('Yokohama', null, '220-0011')] },
  { code: 'AU', name: 'Australia', localName: 'Australia', lang: 'en', odooLang: 'en_AU', tz: 'Australia/Sydney', share: 1.5, tld: 'com.au', phone: '+61',
    forms: ['Pty Ltd'], cities: [c('Sydney', 'NSW', '2000'), c('Melbourne', 'VIC', '3000'), c('Brisbane', 'QLD', '4000'), c('Perth', 'WA', '6000')] },
  { code: 'BE', name: 'Belgium', localName: 'Belgique', lang: 'fr', odooLang: 'fr_BE', tz: 'Europe/Brussels', share: 1.5, tld: 'be', phone: '+32',
    forms: ['SA/NV', 'SRL/BV'], cities: [c('Bruxelles', null, '1000'), c('Antwerpen', null, '2000'), c('Gent', null, '9000')] },
  { code: 'IE', name: 'Ireland', localName: 'Ireland', lang: 'en', odooLang: 'en_IE', tz: 'Europe/Dublin', share: 1.5, tld: 'ie', phone: '+353',
    forms: ['Ltd', 'Limited', 'DAC', 'PLC'], cities: [c('Dublin', null, 'D02 X285'), c('Cork', null, 'T12 W8DR'), c('Galway', null, 'H91 E2K4')] },
  { code: 'FI', name: 'Finland', localName: 'Suomi', lang: 'fi', odooLang: 'fi_FI', tz: 'Europe/Helsinki', share: 1, tld: 'fi', phone: '+358',
    forms: ['Oy', 'Oyj'], cities: [c('Helsinki', null, '00100'), c('Espoo', null, '02100'), c('Tampere', null, '33100')] },
  { code: 'CZ', name: 'Czechia', localName: 'Česko', lang: 'cs', odooLang: 'cs_CZ', tz: 'Europe/Prague', share: 1, tld: 'cz', phone: '+420',
    forms: ['s.r.o.', 'a.s.'], cities: [c('Praha', null, '110 00'), c('Brno', null, '602 00'), c('České Budějovice', null, '370 01')] },
  { code: 'TR', name: 'Türkiye', localName: 'Türkiye', lang: 'tr', odooLang: 'tr_TR', tz: 'Europe/Istanbul', share: 1, tld: 'com.tr', phone: '+90',
    forms: ['A.Ş.', 'Ltd. Şti.'], cities: [c('İstanbul', null, '34000'), c('Ankara', null, '06000'), c('İzmir', null, '35000')] },
  { code: 'CN', name: 'China', localName: '中国', lang: 'zh', odooLang: 'zh_CN', tz: 'Asia/Shanghai', share: 1, tld: 'cn', phone: '+86',
    forms: ['Co., Ltd.'], cities: [c('Shanghai', null, '200000'), c('Beijing', null, '100000'), c('Shenzhen', null, '518000')] },
  { code: 'KR', name: 'South Korea', localName: '대한민국', lang: 'ko', odooLang: 'ko_KR', tz: 'Asia/Seoul', share: 1, tld: 'co.kr', phone: '+82',
    forms: ['Co., Ltd.'], cities: [c('Seoul', null, '04524'), c('Busan', null, '48058'), c('Incheon', null, '21554')] },
  { code: 'SG', name: 'Singapore', localName: 'Singapore', lang: 'en', odooLang: 'en_US', tz: 'Asia/Singapore', share: 1, tld: 'com.sg', phone: '+65',
    forms: ['Pte. Ltd.'], cities: [c('Singapore', null, '018956')] },
  { code: 'CA', name: 'Canada', localName: 'Canada', lang: 'en', odooLang: 'en_CA', tz: 'America/Toronto', share: 1, tld: 'ca', phone: '+1',
    forms: ['Inc.', 'Ltd.', 'Ltée'], cities: [c('Toronto', 'ON', 'M5H 2N2'), c('Vancouver', 'BC', 'V6B 1A1'), c('Montréal', 'QC', 'H2Y 1C6')] },
  { code: 'BR', name: 'Brazil', localName: 'Brasil', lang: 'pt', odooLang: 'pt_BR', tz: 'America/Sao_Paulo', share: 1, tld: 'com.br', phone: '+55',
    forms: ['Ltda.', 'S.A.'], cities: [c('São Paulo', 'SP', '01310-100'), c('Rio de Janeiro', 'RJ', '20040-002'), c('Manaus', 'AM', '69005-040'), c('Curitiba', 'PR', '80010-000')] },
  { code: 'AE', name: 'United Arab Emirates', localName: 'الإمارات', lang: 'ar', odooLang: 'ar_001', tz: 'Asia/Dubai', share: 1, tld: 'ae', phone: '+971',
    forms: ['LLC', 'FZ-LLC', 'FZE'], cities: [c('Dubai', null, '00000'), c('Abu Dhabi', null, '00000')] },
  { code: 'GR', name: 'Greece', localName: 'Ελλάδα', lang: 'el', odooLang: 'el_GR', tz: 'Europe/Athens', share: 0.5, tld: 'gr', phone: '+30',
    forms: ['S.A.'], cities: [c('Athens', null, '105 57'), c('Piraeus', null, '185 31'), c('Thessaloniki', null, '546 21')] },
  { code: 'VN', name: 'Vietnam', localName: 'Việt Nam', lang: 'vi', odooLang: 'vi_VN', tz: 'Asia/Ho_Chi_Minh', share: 0.5, tld: 'vn', phone: '+84',
    forms: ['Co., Ltd', 'JSC'], cities: [c('Hà Nội', null, '100000'), c('Thành phố Hồ Chí Minh', null, '700000'), c('Đà Nẵng', null, '550000')] },
  { code: 'MX', name: 'Mexico', localName: 'México', lang: 'es', odooLang: 'es_MX', tz: 'America/Mexico_City', share: 0.5, tld: 'com.mx', phone: '+52',
    forms: ['S.A. de C.V.', 'S. de R.L. de C.V.'], cities: [c('Ciudad de México', 'CMX', '06000'), c('Monterrey', 'NLE', '64000'), c('Guadalajara', 'JAL', '44100')] },
  // Not in the customer distribution; only vendors (AWS EMEA SARL) need it.
  { code: 'LU', name: 'Luxembourg', localName: 'Luxembourg', lang: 'fr', odooLang: 'fr_FR', tz: 'Europe/Luxembourg', share: 0, tld: 'lu', phone: '+352',
    forms: ['SARL', 'S.A.'], cities: [c('Luxembourg', null, 'L-1855')] },
];

const BY_CODE = new Map(COUNTRIES.map((x) => [x.code, x]));

export function country(code: string): Country {
  const found = BY_CODE.get(code);
  if (!found) throw new Error(`unknown country ${code}`);
  return found;
}

/** EU member states (VAT reverse charge, VAT id format) */
export const EU = new Set(['DE', 'AT', 'FR', 'NL', 'ES', 'IT', 'SE', 'PL', 'DK', 'FI', 'BE', 'IE', 'CZ', 'GR', 'LU']);
