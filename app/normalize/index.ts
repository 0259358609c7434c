/**
 * Pure normalization used by the transform (main/services/transform) and by the matcher: company names,
 * registered domains, AWS account ids. Bump NORMALIZER_VERSION whenever an output can change for the same
 * input: the transform caches results per version and recomputes everything on a new one.
 */
export const NORMALIZER_VERSION = 1;

export { normalizeCompanyName, asciiFold, nameTokens, foldTokens, type NormalizedCompanyName } from './company-name';
export { domainFromWebsite, domainFromEmail, registeredDomain, emailAddresses, isGenericDomain, type DomainResult, type DomainStatus } from './domain';
export { normalizeAwsAccountId, isAwsAccountId, type AwsAccountIdResult, type AwsAccountIdStatus } from './aws-account-id';
