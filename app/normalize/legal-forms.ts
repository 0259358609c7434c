/**
 * Legal forms per country (spec Appendix A), as the token sequences they become after `tokens()` in
 * company-name.ts: lower-case ASCII, dots/slashes/apostrophes removed inside a token ("S.p.A." → "spa",
 * "A/S" → "as"), other punctuation a separator. Stripping uses every form regardless of the record's
 * country (a German company's ACE record may carry no country), longest match first; the country only
 * decides which label is reported when several countries share a spelling.
 */

/** country → legal forms as written (the first spelling of a form is its label). */
export const LEGAL_FORMS: Readonly<Record<string, readonly string[]>> = {
  US: ['Inc.', 'Inc', 'Incorporated', 'LLC', 'L.L.C.', 'Corp.', 'Corporation', 'Co.', 'Company', 'LP', 'L.P.', 'LLP', 'PLLC'],
  GB: ['Ltd', 'Ltd.', 'Limited', 'PLC', 'plc', 'LLP', 'Company Limited', 'Co. Ltd', 'Co., Ltd.'],
  IE: ['Ltd', 'Limited', 'DAC', 'PLC', 'Teoranta'],
  DE: ['GmbH & Co. KG', 'GmbH & Co. KGaA', 'GmbH', 'gGmbH', 'AG', 'KG', 'KGaA', 'OHG', 'e.K.', 'UG (haftungsbeschränkt)', 'UG', 'SE', 'e.V.', 'eG', 'GbR', 'mbH', 'Gesellschaft mit beschränkter Haftung', 'Aktiengesellschaft'],
  AT: ['GmbH', 'AG', 'KG', 'OG', 'e.U.'],
  CH: ['AG', 'SA', 'GmbH', 'Sàrl', 'Sagl'],
  FR: ['SAS', 'SA', 'SARL', 'SASU', 'EURL', 'SNC', 'SCOP'],
  BE: ['SA/NV', 'NV/SA', 'SRL/BV', 'BV/SRL', 'SA', 'NV', 'SRL', 'BV', 'BVBA', 'SPRL'],
  NL: ['B.V.', 'BV', 'N.V.', 'NV', 'V.O.F.'],
  LU: ['S.à r.l.', 'SARL', 'SA'],
  ES: ['S.L.', 'S.A.', 'S.L.U.', 'S.A.U.', 'SL', 'SA', 'SLU'],
  PT: ['Lda.', 'Lda', 'S.A.'],
  IT: ['S.p.A.', 'S.r.l.', 'S.r.l.s.', 'S.a.s.', 'S.n.c.', 'SpA', 'Srl'],
  PL: ['Sp. z o.o.', 'Sp. z.o.o.', 'S.A.', 'Sp. k.', 'Sp. j.', 'Spółka z ograniczoną odpowiedzialnością'],
  CZ: ['s.r.o.', 'a.s.', 'spol. s r.o.', 'v.o.s.'],
  SK: ['s.r.o.', 'a.s.'],
  SE: ['AB', 'HB', 'Aktiebolag'],
  NO: ['AS', 'ASA', 'ANS'],
  DK: ['A/S', 'ApS', 'I/S', 'P/S', 'IVS'],
  FI: ['Oy', 'Oyj', 'Ab', 'Ky'],
  TR: ['A.Ş.', 'Ltd. Şti.', 'Anonim Şirketi', 'Limited Şirketi', 'Tic. Ltd. Şti.'],
  GR: ['Α.Ε.', 'Ε.Π.Ε.', 'S.A.', 'A.E.', 'IKE', 'Ι.Κ.Ε.'],
  IN: ['Pvt. Ltd.', 'Pvt Ltd', 'Private Limited', 'Ltd.', 'LLP'],
  JP: ['K.K.', 'KK', 'Kabushiki Kaisha', 'G.K.', 'Co., Ltd.', 'Co. Ltd.', '株式会社', '有限会社', '合同会社'],
  CN: ['Co., Ltd.', 'Co. Ltd.', '有限公司', '股份有限公司', '有限责任公司'],
  KR: ['Co., Ltd.', '주식회사', '(주)', '유한회사'],
  SG: ['Pte. Ltd.', 'Pte Ltd', 'Private Limited'],
  AU: ['Pty Ltd', 'Pty. Ltd.', 'Pty Limited', 'Pty'],
  NZ: ['Ltd', 'Limited'],
  CA: ['Inc.', 'Ltd.', 'Ltée', 'Corp.', 'ULC'],
  BR: ['Ltda.', 'Ltda', 'S.A.', 'EIRELI'],
  MX: ['S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.', 'S.A.B. de C.V.'],
  AE: ['LLC', 'FZ-LLC', 'FZ LLC', 'FZE', 'FZCO', 'DMCC', 'PJSC'],
  VN: ['Công ty TNHH', 'Công ty Cổ phần', 'Co., Ltd', 'JSC', 'TNHH'],
  ZA: ['(Pty) Ltd', 'Pty Ltd'],
};

/** Forms written before the name ("株式会社さくらテック", "Công ty TNHH Sao Việt"). */
export const PREFIX_FORMS: readonly string[] = ['株式会社', '有限会社', '合同会社', '주식회사', '(주)', 'Công ty TNHH', 'Công ty Cổ phần', 'Công ty'];

/** Non-Latin forms matched on the raw text (before transliteration turns them into syllables). */
export const SCRIPT_FORMS: readonly string[] = ['股份有限公司', '有限责任公司', '有限公司', '株式会社', '有限会社', '合同会社', '주식회사', '유한회사', '(주)'];
