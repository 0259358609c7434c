import { describe, expect, it } from 'vitest';
import { normalizeCompanyName } from './company-name';

const n = (name: string, country?: string) => normalizeCompanyName(name, country)?.normalized;
const fold = (name: string, country?: string) => normalizeCompanyName(name, country)?.fold;

describe('normalizeCompanyName', () => {
  it('ignores case, spacing and punctuation (spec §4.6 case/space/punct)', () => {
    expect(n('NORDLICHT LOGISTIK GMBH')).toBe('nordlicht logistik');
    expect(n('Nordlicht  Logistik GmbH ')).toBe('nordlicht logistik');
    expect(n('Orion  Systems Ltd ')).toBe(n('orion systems ltd'));
    expect(n('Acme, Inc.')).toBe(n('Acme Inc'));
    expect(n('Smith & Sons')).toBe(n('Smith and Sons'));
    expect(n('Fuchs & Söhne', 'DE')).toBe(n('Fuchs und Söhne', 'DE'));
  });

  it('strips legal forms per country, longest first, and reports the form', () => {
    const cases: [string, string | undefined, string, string][] = [
      ['Müller Präzisionstechnik GmbH & Co. KG', 'DE', 'mueller praezisionstechnik', 'GmbH & Co. KG'],
      ['Stadtwerke Halle Gesellschaft mit beschränkter Haftung', 'DE', 'stadtwerke halle', 'Gesellschaft mit beschränkter Haftung'],
      ['Bluepeak Analytics, Inc.', 'US', 'bluepeak analytics', 'Inc.'],
      ['Bluepeak Analytics LLC', 'US', 'bluepeak analytics', 'LLC'],
      ['Bluepeak Analytics L.L.C.', undefined, 'bluepeak analytics', 'LLC'],
      ['Orion Systems Limited', 'GB', 'orion systems', 'Limited'],
      ['Ødegaard Bygg AS', 'NO', 'odegaard bygg', 'AS'],
      ['Ålborg Data ApS', 'DK', 'alborg data', 'ApS'],
      ['Øresund Data A/S', 'DK', 'oresund data', 'A/S'],
      ['Björkvik Skog AB', 'SE', 'bjorkvik skog', 'AB'],
      ['Järvinen Oy', 'FI', 'jarvinen', 'Oy'],
      ['Vesuvio Alimentari S.p.A.', 'IT', 'vesuvio alimentari', 'S.p.A.'],
      ['Aurora Bianchi S.r.l.', 'IT', 'aurora bianchi', 'S.r.l.'],
      ['Łódź Software Sp. z o.o.', 'PL', 'lodz software', 'Sp. z o.o.'],
      ['Šumava Data s.r.o.', 'CZ', 'sumava data', 's.r.o.'],
      ['Vltava Energie a.s.', 'CZ', 'vltava energie', 'a.s.'],
      ['Güneş Enerji A.Ş.', 'TR', 'gunes enerji', 'A.Ş.'],
      ['Yıldız Lojistik Anonim Şirketi', 'TR', 'yildiz lojistik', 'Anonim Şirketi'],
      ['Lumière Numérique SAS', 'FR', 'lumiere numerique', 'SAS'],
      ['Château-Vert Distribution SARL', 'FR', 'chateau vert distribution', 'SARL'],
      ['Horizonte Sol S.L.', 'ES', 'horizonte sol', 'S.L.'],
      ['São Bento Alimentos Ltda.', 'BR', 'sao bento alimentos', 'Ltda.'],
      ['Grupo Norte S.A. de C.V.', 'MX', 'grupo norte', 'S.A. de C.V.'],
      ['Kangaroo Cloud Pty Ltd', 'AU', 'kangaroo cloud', 'Pty Ltd'],
      ['Lion City Data Pte. Ltd.', 'SG', 'lion city data', 'Pte. Ltd.'],
      ['Mumbai Infotech Pvt. Ltd.', 'IN', 'mumbai infotech', 'Pvt. Ltd.'],
      ['Mumbai Infotech Private Limited', 'IN', 'mumbai infotech', 'Private Limited'],
      ['Hanbit Soft Co., Ltd.', 'KR', 'hanbit soft', 'Co., Ltd.'],
      ['Sakura Tech K.K.', 'JP', 'sakura tech', 'K.K.'],
      ['Al Khaleej Technology FZ-LLC', 'AE', 'al khaleej technology', 'FZ-LLC'],
      ['Rheintal Maschinenbau AG', 'CH', 'rheintal maschinenbau', 'AG'],
      ['Beaulieu Assurances SA/NV', 'BE', 'beaulieu assurances', 'SA/NV'],
      ['Dutch Data B.V.', 'NL', 'dutch data', 'B.V.'],
    ];
    for (const [input, country, normalized, form] of cases) {
      expect(normalizeCompanyName(input, country), input).toMatchObject({ normalized, legalForm: form });
    }
  });

  it('matches legal-form swaps of the same company (spec §4.6 suffix swap/drop)', () => {
    expect(n('Sakura Tech Co., Ltd.')).toBe(n('Sakura Tech K.K.'));
    expect(n('Sao Viet Co., Ltd')).toBe(n('Công ty TNHH Sao Việt', 'VN'));
    expect(n('Mueller Praezisionstechnik GmbH')).toBe(n('Müller Präzisionstechnik GmbH & Co. KG', 'DE'));
    expect(n('Stadtwerke Halle GmbH')).toBe(n('Stadtwerke Halle Gesellschaft mit beschränkter Haftung'));
    expect(n('Odegaard Bygg')).toBe(n('Ødegaard Bygg AS', 'NO'));
    expect(n('The Helix Group')).toBe('helix group');
  });

  it('folds umlaut spellings so Müller, Mueller and Muller agree', () => {
    expect(fold('Müller Präzisionstechnik', 'DE')).toBe(fold('Mueller Praezisionstechnik'));
    expect(fold('Muller Prazisionstechnik')).toBe(fold('Mueller Praezisionstechnik'));
    expect(fold('Güneş Enerji A.Ş.', 'TR')).toBe(fold('Güneş Enerji A.Ş.'));
    expect(fold('Smith & Sons')).toBe('smithsons');
  });

  it('transliterates non-Latin scripts after removing their legal forms', () => {
    expect(normalizeCompanyName('株式会社さくらテック', 'JP')).toMatchObject({ legalForm: '株式会社' });
    expect(n('株式会社さくらテック', 'JP')).toMatch(/^sakura/);
    expect(n('华云科技有限公司', 'CN')).toBe('huayunkeji');
    expect(normalizeCompanyName('华云科技有限公司', 'CN')?.legalForm).toBe('有限公司');
    expect(n('한빛소프트 주식회사', 'KR')).toBe('hanbichsopeuteu');
    expect(n('Ακρόπολις Ναυτιλιακή Α.Ε.', 'GR')).toBe('akropolis naytiliaki');
    expect(n('Công ty TNHH Sao Việt', 'VN')).toBe('sao viet');
    for (const s of ['株式会社さくらテック', 'الخليج للتقنية', '富士ロジスティクス']) expect(n(s)).toMatch(/^[a-z0-9 ]+$/);
  });

  it('keeps a name that is only a legal form, and rejects placeholders', () => {
    expect(n('AG')).toBe('ag');
    expect(n('Co')).toBe('co');
    expect(normalizeCompanyName('  ')).toBeNull();
    expect(normalizeCompanyName('n/a')).toBeNull();
    expect(normalizeCompanyName('-')).toBeNull();
    expect(normalizeCompanyName(null)).toBeNull();
  });

  it('keeps the words that tell hard negatives apart (spec §4.8)', () => {
    expect(n('Stadtwerke Halle GmbH')).not.toBe(n('Stadtwerke Hallein GmbH'));
    expect(n('Vantix Labs Inc.')).not.toBe(n('Vantiq Labs Inc.'));
    expect(n('Apex GmbH')).toBe('apex');
    expect(n('Apex Capital Partners GmbH')).toBe('apex capital partners');
    expect(n('Urban Fitness Berlin-Mitte GmbH')).toBe('urban fitness berlin mitte');
    expect(n('Amazon Web Services EMEA SARL')).toBe('amazon web services emea');
  });
});
