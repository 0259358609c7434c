import { describe, expect, it } from 'vitest';
import { domainFromEmail, domainFromWebsite, isGenericDomain, registeredDomain } from './domain';

describe('domainFromWebsite', () => {
  it('reduces every website format of the spec to the registered domain (§4.6)', () => {
    for (const w of ['acme.com', 'www.acme.com', 'https://www.acme.com/', 'http://acme.com', 'https://acme.com/en/', 'ACME.COM', 'acme.com/', 'acme.com ', 'htps://acme.com', 'http//acme.com', 'https://shop.eu.acme.com:8443/x?y=1']) {
      expect(domainFromWebsite(w), w).toEqual({ domain: 'acme.com', status: 'ok' });
    }
    expect(domainFromWebsite('https://www.nordlicht-logistik.de/').domain).toBe('nordlicht-logistik.de');
    expect(domainFromWebsite('helios-energy.co.uk/').domain).toBe('helios-energy.co.uk');
    expect(domainFromWebsite('www.sakuratech.co.jp').domain).toBe('sakuratech.co.jp');
    expect(domainFromWebsite('amazonasturismo.com.br').domain).toBe('amazonasturismo.com.br');
  });

  it('separates missing, junk and generic values', () => {
    for (const w of [null, '', ' ', 'n/a', 'N/A', '-', 'TBD']) expect(domainFromWebsite(w).status).toBe('missing');
    expect(domainFromWebsite('www.acme')).toEqual({ domain: null, status: 'invalid' });
    expect(domainFromWebsite('www.saoviet')).toEqual({ domain: null, status: 'invalid' });
    expect(domainFromWebsite('gmail.com')).toEqual({ domain: null, status: 'generic' });
    expect(domainFromWebsite('linkedin.com/company/acme')).toEqual({ domain: null, status: 'generic' });
    expect(domainFromWebsite('http://192.168.1.1/').status).toBe('invalid');
  });

  it('reads an e-mail typed into the website field', () => {
    expect(domainFromWebsite('info@acme.de').domain).toBe('acme.de');
  });
});

describe('domainFromEmail', () => {
  it('reads bare, named and multiple addresses', () => {
    expect(domainFromEmail('"Miriam Koch" <m.koch@helios-energy.de>').domain).toBe('helios-energy.de');
    expect(domainFromEmail(' s.lange@nordlicht-logistik.de').domain).toBe('nordlicht-logistik.de');
    expect(domainFromEmail('bkrueger@apex-gmbh.de; jonas.mueller@apex-gmbh.de').domain).toBe('apex-gmbh.de');
    expect(domainFromEmail('john@gmail.com, jane@acme.co.uk').domain).toBe('acme.co.uk');
    expect(domainFromEmail('aws+acme-prod@Partner-MSP.de').domain).toBe('partner-msp.de');
  });

  it('excludes generic mail providers and their typo domains', () => {
    for (const e of ['t.fischer@gmx.de', 'x@web.de', 'a@t-online.de', 'a@outlook.com', 'a@hotmail.co.uk', 'a@yahoo.co.uk', 'a@yahoo.es', 'a@icloud.com', 'a@proton.me', 'a@qq.com', 'andrew@gmai.com', 'a@gamil.com', 'a@gmail.con', 'a@naver.com']) {
      expect(domainFromEmail(e), e).toEqual({ domain: null, status: 'generic' });
    }
    expect(domainFromEmail('no address here').status).toBe('invalid');
    expect(domainFromEmail('').status).toBe('missing');
  });
});

describe('registeredDomain', () => {
  it('prefers the website and falls back to the e-mail', () => {
    expect(registeredDomain('https://www.ibm.com/', 'x@other.com').domain).toBe('ibm.com');
    expect(registeredDomain('TBD', '"Thomas Braun" <thomas@stadtwerke-halle.de>').domain).toBe('stadtwerke-halle.de');
    expect(registeredDomain(null, 'cmueller@yahoo.co.uk')).toEqual({ domain: null, status: 'generic' });
    expect(registeredDomain('www.acme', null).status).toBe('invalid');
  });

  it('knows generic domains', () => {
    expect(isGenericDomain('gmail.com')).toBe(true);
    expect(isGenericDomain('hotmail.it')).toBe(true);
    expect(isGenericDomain('acme.com')).toBe(false);
  });
});
