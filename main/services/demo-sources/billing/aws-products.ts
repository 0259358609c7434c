/**
 * AWS services as they appear in the CUR (spec §3.1, §5.3, §5.7): product code, CUR product name,
 * Dirichlet base weight of the product mix, SPP eligibility, invoice expansion factor (usage types per bill
 * line) and usage-type stems that get region prefixes on invoice labels.
 */

export type AwsProduct = {
  code: string;
  name: string;
  /** base Dirichlet α of the per-account product mix (0 = never part of the usage mix) */
  alpha: number;
  /** SPP discount applies (spec §3.3: not Marketplace, support, SP/RI fees; a few services excluded) */
  sppEligible: boolean;
  /** invoice lines per bill line before the spend factor and the calibrated global factor (spec §5.7) */
  expansion: number;
  /** typical public unit price, to derive a plausible usage quantity from cost */
  unitPrice: number;
  usageTypes: readonly string[];
  /** first month the product exists ('YYYY-MM') */
  since?: string;
};

export const AWS_PRODUCTS: readonly AwsProduct[] = [
  { code: 'AmazonEC2', name: 'Amazon Elastic Compute Cloud', alpha: 8, sppEligible: true, expansion: 24, unitPrice: 0.096,
    usageTypes: ['BoxUsage:m5.large', 'BoxUsage:m5.xlarge', 'BoxUsage:t3.medium', 'BoxUsage:t3.large', 'BoxUsage:c5.2xlarge', 'BoxUsage:r5.xlarge', 'BoxUsage:m6i.2xlarge', 'BoxUsage:t4g.small', 'BoxUsage:r6i.large', 'BoxUsage:c6g.xlarge', 'EBS:VolumeUsage.gp3', 'EBS:VolumeUsage.gp2', 'EBS:SnapshotUsage', 'EBS:VolumeP-IOPS.io2', 'EBS:VolumeP-Throughput.gp3', 'NatGateway-Hours', 'NatGateway-Bytes', 'ElasticIP:IdleAddress', 'DataTransfer-Regional-Bytes', 'SpotUsage:c5.xlarge', 'SpotUsage:m5.2xlarge', 'HeavyUsage:m5.large', 'CPUCredits:t3', 'UnusedBox:m5.large'] },
  { code: 'AmazonRDS', name: 'Amazon Relational Database Service', alpha: 3, sppEligible: true, expansion: 10, unitPrice: 0.2,
    usageTypes: ['InstanceUsage:db.r6g.large', 'InstanceUsage:db.t3.medium', 'Multi-AZUsage:db.m5.large', 'InstanceUsage:db.r5.xlarge', 'RDS:GP3-Storage', 'RDS:GP2-Storage', 'RDS:ChargedBackupUsage', 'RDS:PIOPS', 'Aurora:StorageIOUsage', 'Aurora:StorageUsage', 'Aurora:BackupUsage', 'RDS:StorageIOUsage'] },
  { code: 'AmazonS3', name: 'Amazon Simple Storage Service', alpha: 2, sppEligible: true, expansion: 9, unitPrice: 0.023,
    usageTypes: ['TimedStorage-ByteHrs', 'TimedStorage-INT-FA-ByteHrs', 'TimedStorage-GlacierByteHrs', 'TimedStorage-SIA-ByteHrs', 'Requests-Tier1', 'Requests-Tier2', 'DataTransfer-Out-Bytes', 'Retrieval-SIA', 'C3DataTransfer-In-Bytes', 'TimedStorage-GDA-ByteHrs'] },
  { code: 'AWSDataTransfer', name: 'AWS Data Transfer', alpha: 1.2, sppEligible: false, expansion: 8, unitPrice: 0.09,
    usageTypes: ['DataTransfer-Out-Bytes', 'DataTransfer-Regional-Bytes', 'DataTransfer-In-Bytes', 'CloudFront-Out-Bytes', 'AWS-Out-Bytes', 'AWS-In-Bytes', 'DataTransfer-xAZ-In-Bytes', 'DataTransfer-xAZ-Out-Bytes', 'S3-Out-Bytes'] },
  { code: 'AmazonVPC', name: 'Amazon Virtual Private Cloud', alpha: 0.8, sppEligible: true, expansion: 4, unitPrice: 0.01,
    usageTypes: ['VpcEndpoint-Hours', 'VpcEndpoint-Bytes', 'PublicIPv4:InUseAddress', 'TransitGateway-Hours', 'TransitGateway-Bytes', 'VPN-Usage-Hours'] },
  { code: 'AmazonCloudWatch', name: 'AmazonCloudWatch', alpha: 0.6, sppEligible: true, expansion: 6, unitPrice: 0.3,
    usageTypes: ['CW:MetricMonitorUsage', 'CW:Requests', 'DataProcessing-Bytes', 'TimedStorage-ByteHrs', 'CW:AlarmMonitorUsage', 'CW:GMD-Metrics', 'VendedLog-Bytes'] },
  { code: 'AWSELB', name: 'Elastic Load Balancing', alpha: 0.6, sppEligible: true, expansion: 4, unitPrice: 0.0225,
    usageTypes: ['LoadBalancerUsage', 'LCUUsage', 'DataProcessing-Bytes', 'NLB:LCUUsage', 'NLB:LoadBalancerUsage'] },
  { code: 'AWSLambda', name: 'AWS Lambda', alpha: 0.4, sppEligible: true, expansion: 3, unitPrice: 0.0000166667,
    usageTypes: ['Lambda-GB-Second', 'Request', 'Lambda-GB-Second-ARM', 'Lambda-Provisioned-Concurrency'] },
  { code: 'AmazonEKS', name: 'Amazon Elastic Container Service for Kubernetes', alpha: 0.4, sppEligible: true, expansion: 3, unitPrice: 0.1,
    usageTypes: ['AmazonEKS-Hours:perCluster', 'AmazonEKS-Hours:extendedSupport', 'Fargate-vCPU-Hours:perCPU'] },
  { code: 'AmazonCloudFront', name: 'Amazon CloudFront', alpha: 0.4, sppEligible: true, expansion: 2, unitPrice: 0.085,
    usageTypes: ['DataTransfer-Out-Bytes', 'Requests-Tier1', 'Requests-HTTPS'] },
  { code: 'AmazonECS', name: 'Amazon Elastic Container Service', alpha: 0.3, sppEligible: true, expansion: 2, unitPrice: 0.04,
    usageTypes: ['Fargate-vCPU-Hours:perCPU', 'Fargate-GB-Hours', 'Fargate-EphemeralStorage-GB-Hours'] },
  { code: 'AmazonDynamoDB', name: 'Amazon DynamoDB', alpha: 0.3, sppEligible: true, expansion: 2, unitPrice: 0.25,
    usageTypes: ['TimedStorage-ByteHrs', 'ReadRequestUnits', 'WriteRequestUnits', 'TimedPITRStorage-ByteHrs'] },
  { code: 'AWSBackup', name: 'AWS Backup', alpha: 0.3, sppEligible: true, expansion: 2, unitPrice: 0.05,
    usageTypes: ['WarmStorage-ByteHrs-EBS', 'WarmStorage-ByteHrs-EFS', 'ColdStorage-ByteHrs-EFS'] },
  { code: 'AmazonElastiCache', name: 'Amazon ElastiCache', alpha: 0.3, sppEligible: true, expansion: 2, unitPrice: 0.068,
    usageTypes: ['NodeUsage:cache.r6g.large', 'NodeUsage:cache.t3.medium', 'ElastiCache:BackupUsage'] },
  { code: 'AmazonGuardDuty', name: 'Amazon GuardDuty', alpha: 0.2, sppEligible: true, expansion: 2, unitPrice: 1,
    usageTypes: ['PaidEventsAnalyzed', 'PaidVPCFlowLogsAnalyzed', 'PaidS3DataEventsAnalyzed'] },
  { code: 'AmazonEFS', name: 'Amazon Elastic File System', alpha: 0.2, sppEligible: true, expansion: 2, unitPrice: 0.3,
    usageTypes: ['TimedStorage-ByteHrs', 'IATimedStorage-ByteHrs', 'DataAccess-Bytes'] },
  { code: 'AmazonRedshift', name: 'Amazon Redshift', alpha: 0.2, sppEligible: true, expansion: 2, unitPrice: 1.086,
    usageTypes: ['Node:ra3.xlplus', 'RMS:ra3', 'Serverless:RPU-Hours'] },
  { code: 'AmazonFSx', name: 'Amazon FSx', alpha: 0.15, sppEligible: true, expansion: 2, unitPrice: 0.13,
    usageTypes: ['Windows:SSD-Storage', 'Windows:ThroughputCapacity', 'Windows:BackupUsage'] },
  { code: 'AmazonSageMaker', name: 'Amazon SageMaker', alpha: 0.15, sppEligible: false, expansion: 2, unitPrice: 0.23,
    usageTypes: ['Notebk:ml.t3.medium', 'Train:ml.g5.xlarge', 'Host:ml.m5.large'] },
  { code: 'AmazonWorkSpaces', name: 'Amazon WorkSpaces', alpha: 0.15, sppEligible: true, expansion: 2, unitPrice: 35,
    usageTypes: ['AW-HW-2-AlwaysOn-Windows', 'AW-HW-1-AutoStop-Usage', 'AW-HW-2-UserVolume'] },
  { code: 'AWSConfig', name: 'AWS Config', alpha: 0.15, sppEligible: true, expansion: 2, unitPrice: 0.003,
    usageTypes: ['ConfigurationItemRecorded', 'ConfigRuleEvaluations'] },
  { code: 'AmazonBedrock', name: 'Amazon Bedrock', alpha: 0.1, sppEligible: false, expansion: 2, unitPrice: 0.003, since: '2024-01',
    usageTypes: ['anthropic.claude-input-tokens', 'anthropic.claude-output-tokens', 'titan-embed-text-input-tokens'] },
  { code: 'AWSGlue', name: 'AWS Glue', alpha: 0.1, sppEligible: true, expansion: 2, unitPrice: 0.44,
    usageTypes: ['ETL-DPU-Hour', 'Catalog-Request', 'Crawler-DPU-Hour'] },
  { code: 'AmazonAthena', name: 'Amazon Athena', alpha: 0.1, sppEligible: true, expansion: 2, unitPrice: 5,
    usageTypes: ['DataScannedInTB', 'DML-DataScannedInTB'] },
  { code: 'AmazonRoute53', name: 'Amazon Route 53', alpha: 0.1, sppEligible: true, expansion: 2, unitPrice: 0.5,
    usageTypes: ['HostedZone', 'DNS-Queries', 'Health-Check-AWS'] },
  { code: 'awswaf', name: 'AWS WAF', alpha: 0.1, sppEligible: true, expansion: 2, unitPrice: 5,
    usageTypes: ['WebACL', 'Rule', 'Request'] },
  { code: 'AWSCloudTrail', name: 'AWS CloudTrail', alpha: 0.05, sppEligible: true, expansion: 2, unitPrice: 0.1,
    usageTypes: ['PaidEventsRecorded', 'DataEventsRecorded'] },
  { code: 'AWSSecretsManager', name: 'AWS Secrets Manager', alpha: 0.05, sppEligible: true, expansion: 2, unitPrice: 0.4,
    usageTypes: ['AWSSecretsManager-Secrets', 'AWSSecretsManager-APIRequest'] },
  { code: 'awskms', name: 'AWS Key Management Service', alpha: 0.05, sppEligible: true, expansion: 2, unitPrice: 1,
    usageTypes: ['KMS-Keys', 'KMS-Requests'] },
  { code: 'AmazonQuickSight', name: 'Amazon QuickSight', alpha: 0.05, sppEligible: true, expansion: 2, unitPrice: 24,
    usageTypes: ['QS-User-Enterprise-Month', 'QS-Reader-Sessions'] },
  // Not part of the Dirichlet usage mix: support, savings plans.
  { code: 'AWSSupportBusiness', name: 'AWS Support (Business)', alpha: 0, sppEligible: false, expansion: 1, unitPrice: 1, usageTypes: ['Dollar'] },
  { code: 'AWSSupportEnterprise', name: 'AWS Support (Enterprise)', alpha: 0, sppEligible: false, expansion: 1, unitPrice: 1, usageTypes: ['Dollar'] },
  { code: 'AWSDeveloperSupport', name: 'AWS Support (Developer)', alpha: 0, sppEligible: false, expansion: 1, unitPrice: 1, usageTypes: ['Dollar'] },
  { code: 'ComputeSavingsPlans', name: 'Savings Plans for AWS Compute usage', alpha: 0, sppEligible: false, expansion: 1, unitPrice: 1, usageTypes: ['ComputeSP:1yrNoUpfront'] },
];

export const AWS_PRODUCT_BY_CODE: ReadonlyMap<string, AwsProduct> = new Map(AWS_PRODUCTS.map((p) => [p.code, p]));

/** Products of the usage mix (α > 0), in a fixed order used for Dirichlet draws. */
export const USAGE_MIX: readonly AwsProduct[] = AWS_PRODUCTS.filter((p) => p.alpha > 0);

export function awsProduct(code: string): AwsProduct {
  const p = AWS_PRODUCT_BY_CODE.get(code);
  if (!p) throw new Error(`unknown AWS product code ${code}`);
  return p;
}

/** Industry boosts of the product mix (spec §5.3). */
export const INDUSTRY_BOOSTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'Media and Entertainment': { AmazonCloudFront: 3, AmazonS3: 2 },
  'Software and Internet': { AmazonEKS: 2, AWSLambda: 2, AmazonDynamoDB: 2 },
  'Financial Services': { AmazonRDS: 2 },
  Healthcare: { AmazonS3: 2, AWSBackup: 2 },
  'Life Sciences': { AmazonS3: 2, AWSBackup: 2 },
  Education: { AmazonWorkSpaces: 5 },
};

/** AI/ML use case boost (2024+ for Bedrock via `since`). */
export const AI_BOOST: Readonly<Record<string, number>> = { AmazonSageMaker: 10, AmazonBedrock: 10 };

/** Region prefixes of usage types (us-east-1 has none) per payer region, with weights. */
export const REGION_PREFIXES: Readonly<Record<'EU' | 'US' | 'APJ', readonly (readonly [string, number])[]>> = {
  EU: [['EUC1-', 50], ['EU-', 30], ['EUW2-', 10], ['EUN1-', 10]],
  US: [['', 60], ['USW2-', 30], ['USE2-', 10]],
  APJ: [['APN1-', 35], ['APS2-', 25], ['APS1-', 25], ['APS3-', 15]],
};

/** AWS Business support price tiers (spec §3.3): 10% / 7% / 5% / 3%, minimum $100. */
export function businessSupportUsd(usageUsd: number): number {
  if (usageUsd <= 0) return 0;
  const tiers: readonly (readonly [number, number])[] = [[10_000, 0.1], [80_000, 0.07], [250_000, 0.05], [Infinity, 0.03]];
  let rest = usageUsd;
  let prev = 0;
  let fee = 0;
  for (const [upTo, pct] of tiers) {
    const band = Math.min(rest, upTo - prev);
    if (band <= 0) break;
    fee += band * pct;
    rest -= band;
    prev = upTo;
  }
  return Math.max(100, fee);
}

/** AWS Enterprise support: 10% to $150k, 7% to $500k, 5% to $1M, 3% above; minimum $15,000. */
export function enterpriseSupportUsd(usageUsd: number): number {
  const tiers: readonly (readonly [number, number])[] = [[150_000, 0.1], [500_000, 0.07], [1_000_000, 0.05], [Infinity, 0.03]];
  let rest = usageUsd;
  let prev = 0;
  let fee = 0;
  for (const [upTo, pct] of tiers) {
    const band = Math.min(rest, upTo - prev);
    if (band <= 0) break;
    fee += band * pct;
    rest -= band;
    prev = upTo;
  }
  return Math.max(15_000, fee);
}

/** AWS Developer support: greater of $29 or 3% of usage. */
export function developerSupportUsd(usageUsd: number): number {
  return Math.max(29, usageUsd * 0.03);
}
