/**
 * Curated, fictional name material per language (spec Appendix D, extended). Company names come from
 * these lists plus the syllable generator, never from faker: output must not change between releases.
 */

export type Lang =
  | 'en' | 'de' | 'fr' | 'es' | 'it' | 'pt' | 'pl' | 'cs' | 'tr' | 'sv' | 'no' | 'da' | 'fi' | 'nl' | 'vi'
  | 'ja' | 'zh' | 'ko' | 'el' | 'ar';

export type Sector =
  | 'software' | 'electronics' | 'finance' | 'industrial' | 'retail' | 'health' | 'services' | 'logistics' | 'media'
  | 'education' | 'government' | 'energy' | 'telecom' | 'automotive' | 'travel' | 'construction' | 'food';

/** ACE industry enum → sector of the industry noun lists. */
export const INDUSTRY_SECTOR: Record<string, Sector> = {
  'Software and Internet': 'software', 'Computers and Electronics': 'electronics', 'Financial Services': 'finance',
  Manufacturing: 'industrial', Aerospace: 'industrial', Mining: 'industrial', Retail: 'retail', 'Consumer Goods': 'retail',
  'Wholesale and Distribution': 'retail', Healthcare: 'health', 'Life Sciences': 'health', 'Professional Services': 'services',
  'Marketing and Advertising': 'media', Other: 'services', 'Non-Profit Organization': 'services',
  'Transportation and Logistics': 'logistics', 'Media and Entertainment': 'media', Gaming: 'media', Education: 'education',
  Government: 'government', 'Energy - Power and Utilities': 'energy', 'Energy - Oil and Gas': 'energy',
  Telecommunications: 'telecom', Automotive: 'automotive', Travel: 'travel', Hospitality: 'travel',
  'Real Estate and Construction': 'construction', Agriculture: 'food',
};

const split = (s: string): string[] => s.split('|');

/** Brand roots per language (Appendix D first, then extensions in the same style). */
export const ROOTS: Partial<Record<Lang, string[]>> = {
  de: split('Nordlicht|Grünwald|Sonnenfeld|Bergquell|Weißkopf|Löwenherz|Alpenblick|Rheintal|Falkenstein|Eichenhof|Silberbach|Blautanne|Morgenrot|Sternberg|Wolkenstein|Fichtel|Hagedorn|Lindenhof|Mühlbach|Schwanensee|Kranich|Seeblick|Tannenberg|Brückner|Ostwind|Westfalia|Elbtal|Harzblick|Kupferberg|Goldacker|Hochfeld|Rosenthal|Steinbach|Wiesengrund|Donautal|Isarwerk|Nordstern|Südhang|Bärental|Fuchsbau'),
  en: split('Bluepeak|Northshore|Helix|Orion|Apex|Vantix|Finwave|Greyrock|Redwood|Silverline|Brightwater|Ironbridge|Clearpath|Stonegate|Harbor|Summit|Evergreen|Crestline|Lakeside|Maplewood|Oakridge|Pinecrest|Riverbend|Skyward|Westbrook|Blackstone Valley|Copperfield|Driftwood|Eastgate|Foxglove|Goldleaf|Highland|Juniper|Keystone|Lighthouse|Meridian|Nightingale|Quarry|Rosewater|Thornbury'),
  fr: split('Lumière|Beaulieu|Étoile|Mistral|Château-Vert|Belvédère|Clairefontaine|Montclair|Rivière|Soleil Levant|Beauséjour|Bellevue|Côte d’Azur|Fontaine|Hirondelle|Lavande|Marguerite|Olivier|Vermeil|Éclat'),
  es: split('Horizonte Sol|Montaña Verde|Alborada|Brisa Marina|Cumbre|Estrella del Sur|Girasol|Lucero|Mar Azul|Nogal|Peñalara|Ribera|Sierra Nevada|Torreón|Valle Alto'),
  it: split('Aurora Bianchi|Vesuvio|Dolomiti|Arcobaleno|Belvedere|Castello|Fontana|Girasole|Lago Blu|Monte Rosa|Orizzonte|Stella Polare|Toscana Viva|Valverde|Zefiro'),
  pt: split('São Bento|Aurora|Beira Mar|Cruzeiro|Estrela|Ipê|Jacarandá|Lagoa|Mandacaru|Sertão|Tijuca|Vitória'),
  pl: split('Zielona Dolina|Wiśniewski|Łódź|Bursztyn|Górski|Jantar|Kasztan|Mazowsze|Orzeł|Sokół|Wawel|Żubr'),
  cs: split('Šumava|Vltava|Krkonoše|Labe|Morava|Orlík|Říp|Sněžka|Tatra|Želivka'),
  tr: split('Yıldız|Güneş|Şahin|Anadolu|Boğaziçi|Çınar|Doğan|Ege|Kartal|Marmara|Toros|Yeşil'),
  sv: split('Björkvik|Ålborg|Fjällvind|Granlund|Havsbris|Lindqvist|Norrsken|Sjöberg|Strömkarl|Vinterhav'),
  no: split('Fjordline|Ødegaard|Nordkapp|Bjørnstad|Fjellheim|Havørn|Lysefjord|Sognefjord|Trollstigen|Vestland'),
  da: split('Ålborg|Øresund|Bølgen|Fyrtårn|Havnekanten|Kronborg|Lindholm|Skagen|Strandvejen|Vesterhav'),
  fi: split('Järvinen|Aurinko|Kuusamo|Lumi|Metsä|Pohjola|Revontuli|Saimaa|Tähti|Väinö'),
  nl: split('Dijkstra|Gouden Leeuw|Hollandse Brug|Molenwaard|Noordzee|Oranjeboom|Polderland|Tulpenveld|Windkracht|Zeeland'),
  vi: split('Sao Việt|Hoàng Long|Bình Minh|Đại Dương|Hồng Hà|Phương Đông|Thành Công|Trường Sơn'),
};

/** Industry nouns per language and sector. Languages without a list fall back to English. */
export const NOUNS: Partial<Record<Lang, Partial<Record<Sector, string[]>>>> = {
  en: {
    software: split('Software|Analytics|Labs|Digital|Technologies|Systems|Data'), electronics: split('Electronics|Devices|Semiconductors'),
    finance: split('Bank|Capital|Payments|Insurance|Finance|Asset Management'), industrial: split('Manufacturing|Industries|Engineering|Machines|Metals'),
    retail: split('Retail|Foods|Brands|Trading|Distribution|Stores'), health: split('Health|Bio|Medical|Pharmaceuticals|Care'),
    services: split('Consulting|Partners|Services|Associates|Group'), logistics: split('Logistics|Freight|Shipping|Transport'),
    media: split('Media|Studios|Entertainment|Games|Publishing'), education: split('Academy|Learning|Institute|College'),
    government: split('County Services|Public Works|Authority'), energy: split('Energy|Power|Utilities|Renewables'),
    telecom: split('Telecom|Networks|Communications'), automotive: split('Motors|Automotive|Mobility'),
    travel: split('Travel|Hotels|Resorts|Tours'), construction: split('Construction|Properties|Builders|Realty'), food: split('Farms|Agri|Foods'),
  },
  de: {
    software: split('Software|Digital|Informatik|Systeme|Datentechnik'), electronics: split('Elektronik|Elektrotechnik'),
    finance: split('Bank|Versicherung|Finanz|Vermögensverwaltung'), industrial: split('Maschinenbau|Präzisionstechnik|Werkzeugbau|Metallbau|Anlagenbau'),
    retail: split('Handel|Lebensmittel|Vertrieb|Warenhaus'), health: split('Klinik|Pharma|Medizintechnik|Gesundheit'),
    services: split('Beratung|Consulting|Dienstleistungen|Partner'), logistics: split('Logistik|Spedition|Transport'),
    media: split('Medien|Verlag|Studios|Spiele'), education: split('Akademie|Bildung|Hochschule'), government: split('Stadtwerke|Verwaltung|Zweckverband'),
    energy: split('Energie|Energieversorgung|Solar'), telecom: split('Telekom|Netz|Kommunikation'), automotive: split('Automobil|Fahrzeugbau|Autohaus'),
    travel: split('Reisen|Hotels|Touristik'), construction: split('Bau|Immobilien|Bauunternehmung'), food: split('Agrar|Landwirtschaft|Hofgut'),
  },
  fr: {
    software: split('Numérique|Logiciels|Informatique|Systèmes'), finance: split('Assurances|Banque|Finance|Gestion'),
    industrial: split('Industrie|Mécanique|Ingénierie'), retail: split('Distribution|Commerce|Alimentation'), health: split('Santé|Pharma|Médical'),
    services: split('Conseil|Services|Partenaires'), logistics: split('Logistique|Transports'), media: split('Médias|Éditions|Studios'),
    energy: split('Énergie|Électricité'), travel: split('Voyages|Hôtels'), construction: split('Construction|Immobilier'),
  },
  es: {
    software: split('Software|Sistemas|Digital'), finance: split('Seguros|Banca|Finanzas'), industrial: split('Industrial|Ingeniería|Metalúrgica'),
    retail: split('Alimentos|Distribución|Comercial'), health: split('Salud|Farma|Clínica'), services: split('Consultores|Servicios'),
    logistics: split('Logística|Transportes'), energy: split('Energía|Renovables'), travel: split('Viajes|Hoteles'), construction: split('Construcciones|Inmobiliaria'),
  },
  it: {
    software: split('Software|Sistemi|Informatica'), finance: split('Assicurazioni|Banca|Finanziaria'), industrial: split('Meccanica|Industrie|Impianti'),
    retail: split('Alimentari|Distribuzione|Commerciale'), health: split('Salute|Farmaceutica|Medicale'), services: split('Consulenza|Servizi'),
    logistics: split('Logistica|Trasporti'), energy: split('Energia|Elettrica'), travel: split('Viaggi|Hotel'), construction: split('Costruzioni|Immobiliare'),
  },
  pt: { software: split('Tecnologia|Sistemas|Digital'), finance: split('Seguros|Financeira'), retail: split('Alimentos|Comércio|Distribuidora'),
    logistics: split('Logística|Transportes'), travel: split('Turismo|Viagens'), health: split('Saúde|Farma'), industrial: split('Indústria|Metalúrgica') },
  pl: { software: split('Software|Systemy|Informatyka'), retail: split('Handel|Dystrybucja'), logistics: split('Logistyka|Transport'),
    industrial: split('Przemysł|Maszyny'), energy: split('Energia'), finance: split('Finanse|Ubezpieczenia') },
  cs: { software: split('Data|Software|Systémy'), energy: split('Energie'), industrial: split('Strojírny|Průmysl'), logistics: split('Logistika|Doprava') },
  tr: { software: split('Yazılım|Bilişim|Teknoloji'), logistics: split('Lojistik|Taşımacılık'), energy: split('Enerji'), retail: split('Tekstil|Gıda|Ticaret'),
    industrial: split('Makina|Sanayi') },
  sv: { software: split('Data|System|Digital'), industrial: split('Skog|Verkstad|Industri'), logistics: split('Logistik|Frakt'), energy: split('Energi|Kraft') },
  no: { software: split('Data|Digital'), construction: split('Bygg|Eiendom'), travel: split('Reiser|Hotell'), logistics: split('Logistikk|Frakt'), energy: split('Energi|Kraft') },
  da: { software: split('Data|Digital'), construction: split('Byg|Ejendomme'), logistics: split('Logistik|Fragt'), energy: split('Energi') },
  fi: { software: split('Data|Ohjelmistot|Digital'), industrial: split('Metalli|Kone'), energy: split('Energia|Voima'), logistics: split('Logistiikka') },
  nl: { software: split('Software|Digitaal|Systemen'), logistics: split('Logistiek|Transport'), finance: split('Verzekeringen|Bank'), energy: split('Energie') },
  vi: { software: split('Công nghệ|Phần mềm'), logistics: split('Vận tải|Logistics'), retail: split('Thương mại|Thực phẩm'), energy: split('Năng lượng') },
};

/** Municipal / sector prefixes for the `{City} {Noun}` template (spec §4.3, HN3). */
export const CIVIC: Partial<Record<Lang, { prefix: string[]; suffix: string[] }>> = {
  de: { prefix: split('Stadtwerke|Sparkasse|Kreisklinik|Volksbank'), suffix: split('Hochschule') },
  en: { prefix: split('University of|City of|Bank of'), suffix: split('State University|Community College|Health Trust|Municipal Utilities') },
  fr: { prefix: split('Ville de|Université de|Régie des eaux de'), suffix: [] },
  es: { prefix: split('Ayuntamiento de|Universidad de'), suffix: [] },
  it: { prefix: split('Comune di|Università di'), suffix: [] },
};

export const FIRST_NAMES: Partial<Record<Lang, string[]>> = {
  de: split('Anna|Jonas|Markus|Julia|Lukas|Sabine|Thomas|Katrin|Stefan|Lena|Felix|Claudia|Tobias|Miriam|Jürgen|Sören|Björn|Jörg|Ute|Frank'),
  en: split('John|Emily|Michael|Sarah|David|Jessica|James|Laura|Robert|Hannah|Daniel|Olivia|Chris|Megan|Andrew|Priya|Rahul|Aisha|Liam|Grace'),
  fr: split('Camille|Julien|Élodie|Mathieu|Chloé|Nicolas|Amélie|Hugo|Céline|François'),
  es: split('Lucía|Javier|María|Alejandro|Carmen|Sergio|Marta|Pablo|Nuria|Íñigo'),
  it: split('Giulia|Marco|Francesca|Luca|Chiara|Alessandro|Sara|Matteo|Elena|Davide'),
  pt: split('João|Ana|Pedro|Mariana|Lucas|Beatriz|Gabriel|Larissa'),
  pl: split('Piotr|Katarzyna|Tomasz|Agnieszka|Paweł|Magdalena|Łukasz|Małgorzata'),
  cs: split('Jan|Petra|Tomáš|Lucie|Jiří|Tereza|Ondřej|Kateřina'),
  tr: split('Mehmet|Ayşe|Mustafa|Elif|Emre|Zeynep|Burak|Şeyma'),
  sv: split('Erik|Anna|Lars|Karin|Johan|Sofia|Anders|Maja'),
  no: split('Ola|Kari|Håkon|Ingrid|Sindre|Marte|Øystein|Silje'),
  da: split('Rasmus|Mette|Søren|Camilla|Mads|Sofie|Frederik|Line'),
  fi: split('Mikko|Anna|Juha|Laura|Timo|Sanna|Ville|Päivi'),
  nl: split('Daan|Sanne|Bram|Lotte|Joris|Femke|Thijs|Eva'),
  vi: split('Minh|Lan|Hùng|Hương|Tuấn|Mai|Dũng|Thảo'),
  ja: split('Haruto|Yui|Sota|Aoi|Ren|Hina|Kenji|Yuki'),
  zh: split('Wei|Li|Jing|Hao|Min|Yan|Lei|Xin'),
  ko: split('Minjun|Seoyeon|Jiho|Jiwoo|Hyun|Soyeon|Donghyun|Yuna'),
  el: split('Giorgos|Maria|Nikos|Eleni|Dimitris|Katerina'),
  ar: split('Omar|Fatima|Ahmed|Layla|Khalid|Noor'),
};

export const SURNAMES: Partial<Record<Lang, string[]>> = {
  de: split('Schmidt|Müller|Weber|Schäfer|Fischer|Becker|Hoffmann|Wagner|Koch|Richter|Klein|Wolf|Schröder|Neumann|Braun|Zimmermann|Krüger|Hartmann|Lange|Weiß'),
  en: split('Smith|Johnson|Brown|Taylor|Wilson|Davies|Evans|Clarke|Walker|Wright|Robinson|Hughes|Patel|Sharma|Nguyen|O’Brien|Murphy|Campbell|Mitchell|Carter'),
  fr: split('Martin|Bernard|Dubois|Lefèvre|Moreau|Laurent|Girard|Roux|Fournier|Mercier'),
  es: split('García|Fernández|López|Martínez|Sánchez|Pérez|Gómez|Ruiz|Díaz|Moreno'),
  it: split('Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco'),
  pt: split('Silva|Santos|Oliveira|Souza|Pereira|Costa|Ferreira|Almeida'),
  pl: split('Nowak|Kowalski|Wiśniewski|Wójcik|Kamiński|Lewandowski|Zieliński|Szymański'),
  cs: split('Novák|Svoboda|Novotný|Dvořák|Černý|Procházka|Kučera|Veselý'),
  tr: split('Yılmaz|Kaya|Demir|Şahin|Çelik|Yıldız|Öztürk|Aydın'),
  sv: split('Andersson|Johansson|Karlsson|Nilsson|Eriksson|Larsson|Lindqvist|Berg'),
  no: split('Hansen|Johansen|Olsen|Larsen|Andersen|Berg|Haugen|Ødegaard'),
  da: split('Jensen|Nielsen|Hansen|Pedersen|Andersen|Christensen|Larsen|Sørensen'),
  fi: split('Korhonen|Virtanen|Mäkinen|Nieminen|Järvinen|Heikkinen|Koskinen|Laine'),
  nl: split('de Jong|Jansen|de Vries|van den Berg|Bakker|Visser|Smit|Meijer'),
  vi: split('Nguyễn|Trần|Lê|Phạm|Hoàng|Vũ|Đặng|Bùi'),
  ja: split('Sato|Suzuki|Takahashi|Tanaka|Watanabe|Ito|Yamamoto|Nakamura'),
  zh: split('Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao'),
  ko: split('Kim|Lee|Park|Choi|Jung|Kang|Cho|Yoon'),
  el: split('Papadopoulos|Georgiou|Dimitriou|Nikolaou|Konstantinou|Ioannou'),
  ar: split('Al Mansouri|Haddad|Al Hashimi|Nasser|Al Farsi|Saleh'),
};

export function listFor<T>(table: Partial<Record<Lang, T[]>>, lang: Lang): T[] {
  return table[lang] ?? table.en ?? [];
}

export function nounsFor(lang: Lang, sector: Sector): string[] {
  return NOUNS[lang]?.[sector] ?? NOUNS.en?.[sector] ?? ['Group'];
}
