/**
 * The Odoo product catalog (product_template / product_product), a pure function of the scale.
 * Invariant: ids never change between runs or scales — the CRM half uses `serviceCatalog()` ids in
 * sale_order_line before billing writes the tables. Services come first, then one product per AWS product
 * code, then the special AWS lines, then filler products (training, licences, listings, archived legacy).
 * A few templates carry an older archived variant, so product_product ids drift from template ids
 * the way they do in real databases (invoice lines reference product_product, not product_template).
 */
import type { Scale } from '../universe-types';
import { AWS_PRODUCTS } from './aws-products';

export type ServiceKind = 'managed' | 'tm' | 'map_fixed' | 'admin_fee';
export type ProductRole = ServiceKind | 'aws' | 'aws_special' | 'filler';

export type CatalogTemplate = {
  templateId: number;
  productId: number;
  /** id of the archived older variant, when the template has one (written before the active variant) */
  archivedVariantId: number | null;
  name: string;
  nameDe: string | null;
  defaultCode: string;
  role: ProductRole;
  categoryId: number;
  listPrice: string;
  uomId: number;
  active: boolean;
  invoicePolicy: 'order' | 'delivery';
  serviceType: 'manual' | 'timesheet';
  /** AWS product code for role 'aws' */
  awsCode: string | null;
};

export const CATEGORY = { all: 1, saleable: 2, awsResale: 3, services: 4, licences: 5 } as const;
export const UOM = { units: 1, hours: 2, days: 3, gb: 4 } as const;

type Seed = Omit<CatalogTemplate, 'templateId' | 'productId' | 'archivedVariantId'> & { oldVariant?: boolean };

const svc = (name: string, nameDe: string, code: string, role: ServiceKind, price: string, uom: number, oldVariant = false): Seed => ({
  name, nameDe, defaultCode: code, role, categoryId: CATEGORY.services, listPrice: price, uomId: uom, active: true,
  invoicePolicy: role === 'tm' ? 'delivery' : 'order', serviceType: role === 'tm' ? 'timesheet' : 'manual', awsCode: null, oldVariant,
});

const SERVICES: readonly Seed[] = [
  svc('Managed Services – Bronze', 'Managed Services – Bronze', 'MS-BRONZE', 'managed', '1500.00', UOM.units, true),
  svc('Managed Services – Silver', 'Managed Services – Silber', 'MS-SILVER', 'managed', '3500.00', UOM.units),
  svc('Managed Services – Gold', 'Managed Services – Gold', 'MS-GOLD', 'managed', '7500.00', UOM.units),
  svc('Professional Services (T&M)', 'Professional Services (nach Aufwand)', 'PS-TM', 'tm', '1250.00', UOM.days, true),
  svc('Cloud Architect (T&M, day)', 'Cloud Architect (nach Aufwand, Tag)', 'PS-ARCH-DAY', 'tm', '1450.00', UOM.days),
  svc('DevOps Engineer (T&M, hour)', 'DevOps Engineer (nach Aufwand, Stunde)', 'PS-DEVOPS-H', 'tm', '145.00', UOM.hours),
  svc('Data Engineer (T&M, hour)', 'Data Engineer (nach Aufwand, Stunde)', 'PS-DATA-H', 'tm', '150.00', UOM.hours),
  svc('Security Consultant (T&M, day)', 'Security Consultant (nach Aufwand, Tag)', 'PS-SEC-DAY', 'tm', '1500.00', UOM.days),
  svc('Project Management (T&M, hour)', 'Projektmanagement (nach Aufwand, Stunde)', 'PS-PM-H', 'tm', '125.00', UOM.hours),
  svc('MAP Assess Fixed Fee', 'MAP Assess Festpreis', 'MAP-ASSESS', 'map_fixed', '15000.00', UOM.units, true),
  svc('MAP Mobilize Fixed Fee', 'MAP Mobilize Festpreis', 'MAP-MOBILIZE', 'map_fixed', '45000.00', UOM.units),
  svc('MAP Migrate Phase Fixed Fee', 'MAP Migrate Phase Festpreis', 'MAP-MIGRATE', 'map_fixed', '60000.00', UOM.units),
  svc('Well-Architected Review (Fixed Fee)', 'Well-Architected Review (Festpreis)', 'WAR-FIXED', 'map_fixed', '6500.00', UOM.units),
  svc('Landing Zone Setup (Fixed Fee)', 'Landing Zone Einrichtung (Festpreis)', 'LZ-FIXED', 'map_fixed', '18000.00', UOM.units),
  svc('Billing admin fee', 'Abrechnungsgebühr', 'ADMIN-FEE', 'admin_fee', '50.00', UOM.units),
  svc('Partner-Led Support', 'Partner-Led Support', 'PLS-SUPPORT', 'managed', '500.00', UOM.units),
];

const awsSeed = (code: string, name: string, oldVariant = false): Seed => ({
  name: `AWS – ${name}`, nameDe: null, defaultCode: `AWS-${code}`, role: 'aws', categoryId: CATEGORY.awsResale, listPrice: '0.00',
  uomId: UOM.units, active: true, invoicePolicy: 'order', serviceType: 'manual', awsCode: code, oldVariant,
});

const special = (name: string, nameDe: string, code: string): Seed => ({
  name, nameDe, defaultCode: code, role: 'aws_special', categoryId: CATEGORY.awsResale, listPrice: '0.00', uomId: UOM.units,
  active: true, invoicePolicy: 'order', serviceType: 'manual', awsCode: null,
});

/** Special AWS products used by bill lines that are not one AWS product code. */
export const SPECIAL_CODES = {
  marketplace: 'AWS-MARKETPLACE',
  credits: 'AWS-CREDITS',
  refund: 'AWS-REFUND',
  sppDiscount: 'AWS-SPP-DISCOUNT',
  lump: 'AWS-USAGE',
  adjustment: 'AWS-ADJUSTMENT',
} as const;

const SPECIALS: readonly Seed[] = [
  special('AWS Marketplace', 'AWS Marketplace', SPECIAL_CODES.marketplace),
  special('AWS Credits (pass-through)', 'AWS Gutschriften (durchgereicht)', SPECIAL_CODES.credits),
  special('AWS Refund', 'AWS Rückerstattung', SPECIAL_CODES.refund),
  special('AWS SPP Discount', 'AWS SPP-Rabatt', SPECIAL_CODES.sppDiscount),
  special('AWS Usage', 'AWS Nutzung', SPECIAL_CODES.lump),
  special('AWS Billing Adjustment', 'AWS Abrechnungskorrektur', SPECIAL_CODES.adjustment),
];

function fillers(): Seed[] {
  const out: Seed[] = [];
  const filler = (name: string, code: string, categoryId: number, price: string, active = true, uomId: number = UOM.units, oldVariant = false): Seed => ({
    name, nameDe: null, defaultCode: code, role: 'filler', categoryId, listPrice: price, uomId, active,
    invoicePolicy: 'order', serviceType: 'manual', awsCode: null, oldVariant,
  });
  const courses = ['AWS Cloud Practitioner Essentials', 'Architecting on AWS', 'Advanced Architecting on AWS', 'DevOps Engineering on AWS', 'Security Engineering on AWS', 'Developing on AWS', 'Data Warehousing on AWS', 'Running Containers on Amazon EKS', 'Migrating to AWS', 'AWS Technical Essentials', 'Generative AI Essentials on AWS', 'Cloud Operations on AWS'];
  courses.forEach((c, i) => out.push(filler(`Training: ${c}`, `TRN-${String(i + 1).padStart(3, '0')}`, CATEGORY.saleable, `${690 + i * 95}.00`, true, UOM.days, i === 3)));
  const licences = ['Trend Micro Cloud One', 'CrowdStrike Falcon', 'Datadog Pro', 'Splunk Cloud', 'New Relic', 'Veeam Backup for AWS', 'NetApp Cloud Volumes ONTAP', 'Palo Alto VM-Series', 'Fortinet FortiGate', 'Red Hat Enterprise Linux', 'SUSE Linux Enterprise Server', 'Microsoft Windows Server', 'Microsoft SQL Server Standard', 'Citrix DaaS', 'Atlassian Jira Cloud', 'GitLab Premium', 'HashiCorp Terraform Cloud', 'Snowflake Credits', 'MongoDB Atlas', 'Elastic Cloud', 'Okta Workforce Identity', 'Zscaler Internet Access', 'Sophos Cloud Optix', 'Check Point CloudGuard', 'Barracuda CloudGen WAF', 'Qualys VMDR', 'Tenable.io', 'Wiz', 'Sumo Logic', 'PagerDuty'];
  licences.forEach((l, i) => out.push(filler(`Licence: ${l}`, `LIC-${String(i + 1).padStart(3, '0')}`, CATEGORY.licences, `${(49 + i * 37) % 900 + 25}.00`, i % 11 !== 7, UOM.units, i === 5)));
  const listings = ['Trend Micro Cloud One (Marketplace)', 'CrowdStrike Falcon (Marketplace)', 'Datadog (Marketplace)', 'Splunk Cloud (Marketplace)', 'Fortinet FortiGate-VM (Marketplace)', 'Palo Alto VM-Series (Marketplace)', 'Check Point CloudGuard (Marketplace)', 'Snowflake (Marketplace)', 'MongoDB Atlas (Marketplace)', 'Confluent Cloud (Marketplace)', 'Databricks (Marketplace)', 'Elastic Cloud (Marketplace)', 'Sophos UTM (Marketplace)', 'Barracuda WAF (Marketplace)', 'F5 BIG-IP (Marketplace)', 'Cisco Secure Firewall (Marketplace)', 'Aqua Security (Marketplace)', 'Sysdig Secure (Marketplace)', 'Dynatrace (Marketplace)', 'New Relic One (Marketplace)', 'Netskope (Marketplace)', 'Zscaler (Marketplace)', 'Wiz (Marketplace)', 'Lacework (Marketplace)', 'HashiCorp Cloud Platform (Marketplace)'];
  listings.forEach((l, i) => out.push(filler(`AWS Marketplace – ${l}`, `AWSMP-${String(i + 1).padStart(3, '0')}`, CATEGORY.awsResale, '0.00')));
  const roles = ['Cloud Architect', 'DevOps Engineer', 'Data Engineer', 'Security Engineer', 'SAP Basis Consultant', 'Project Manager'];
  const levels = ['Junior', 'Senior', 'Principal'];
  roles.forEach((r, i) => levels.forEach((lv, j) => out.push(filler(`${r} ${lv} (hour)`, `RATE-${i + 1}${j + 1}`, CATEGORY.services, `${95 + i * 10 + j * 40}.00`, true, UOM.hours, i === 2 && j === 1))));
  const legacy = ['Hosting Paket S (alt)', 'Hosting Paket M (alt)', 'Hosting Paket L (alt)', 'Managed Backup (alt)', 'Rackspace Migration (legacy)', 'Server Housing (alt)', 'Domain Registration', 'SSL Certificate', 'Email Hosting (legacy)', 'VMware Support (legacy)', 'On-Call Surcharge', 'Travel Expenses', 'Travel Time (hour)', 'Hardware: Firewall Appliance', 'Hardware: NAS', 'Remote Hands', 'Disaster Recovery Test', 'Cloud Readiness Workshop', 'Cost Optimisation Review', 'FinOps Monthly Report'];
  legacy.forEach((l, i) => out.push(filler(l, `OLD-${String(i + 1).padStart(3, '0')}`, CATEGORY.saleable, `${120 + i * 55}.00`, i >= 13 || i === 6 || i === 7, i === 12 ? UOM.hours : UOM.units)));
  const extras = ['AWS Premium Support Add-on', 'Onboarding Fee', 'Account Setup Fee', 'Security Monitoring (SOC) Monthly', 'Backup Monitoring Monthly', 'Patch Management Monthly', 'Kubernetes Operations Monthly', 'Database Operations Monthly', 'SAP Operations Monthly', 'Cost Report (FinOps) Monthly', 'Architecture Board Retainer', 'Incident Response Retainer', 'Penetration Test (Fixed Fee)', 'GenAI PoC (Fixed Fee)', 'Data Lake Quick Start (Fixed Fee)', 'Windows Migration Factory (per server)', 'Database Migration (per DB)', 'Mainframe Assessment (Fixed Fee)', 'Contact Center Setup (Fixed Fee)'];
  extras.forEach((e, i) => out.push(filler(e, `EXT-${String(i + 1).padStart(3, '0')}`, CATEGORY.services, `${250 + i * 150}.00`)));
  return out;
}

function buildTemplates(): CatalogTemplate[] {
  const seeds: Seed[] = [
    ...SERVICES,
    ...AWS_PRODUCTS.map((p, i) => awsSeed(p.code, p.name, i === 5 || i === 21)),
    ...SPECIALS,
    ...fillers(),
  ];
  const out: CatalogTemplate[] = [];
  let productId = 1;
  seeds.forEach((s, i) => {
    const archivedVariantId = s.oldVariant ? productId++ : null;
    const { oldVariant: _old, ...rest } = s;
    out.push({ ...rest, templateId: i + 1, productId: productId++, archivedVariantId });
  });
  return out;
}

const ALL_TEMPLATES: readonly CatalogTemplate[] = buildTemplates();

/** Templates per scale: ≈180 at small/prod, 60 at tiny (services and AWS products are always included). */
export function catalogTemplates(scale: Scale): readonly CatalogTemplate[] {
  const count = scale === 'tiny' ? 60 : 180;
  return ALL_TEMPLATES.slice(0, Math.min(count, ALL_TEMPLATES.length));
}

export type ServiceProduct = { productId: number; templateId: number; name: string; defaultCode: string; kind: ServiceKind };

/** The services products with stable ids (used by the CRM half for sale_order_line before billing runs). */
export function serviceCatalog(): ServiceProduct[] {
  return ALL_TEMPLATES.filter((t): t is CatalogTemplate & { role: ServiceKind } => t.role === 'managed' || t.role === 'tm' || t.role === 'map_fixed' || t.role === 'admin_fee').map(
    (t) => ({ productId: t.productId, templateId: t.templateId, name: t.name, defaultCode: t.defaultCode, kind: t.role }),
  );
}

const BY_CODE = new Map(ALL_TEMPLATES.map((t) => [t.defaultCode, t]));

/** product_product id by default_code ('AWS-AmazonEC2', 'AWS-CREDITS', 'MS-GOLD', …). */
export function productIdByCode(defaultCode: string): number {
  const t = BY_CODE.get(defaultCode);
  if (!t) throw new Error(`no catalog product ${defaultCode}`);
  return t.productId;
}

export function catalogByProductId(productId: number): CatalogTemplate | undefined {
  return ALL_TEMPLATES.find((t) => t.productId === productId);
}

export const TOTAL_TEMPLATES = ALL_TEMPLATES.length;
