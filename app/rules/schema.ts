/**
 * The shape of a rule file (YAML), validated with zod on load. A base file (`rules/pod.yaml`) holds complete
 * rules; a tenant file `extends` another file and holds patches (`id` + the fields it changes) or new
 * complete rules. `versions` are program versions with effective dates; a version's `rules` are patches
 * on the version before it (or, in a tenant file, on the version of the same id).
 */
import { z } from 'zod';

export const RULE_ID = /^[a-z][a-z0-9_]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const paramValueSchema = z.union([
  z.string(), z.number().finite(), z.boolean(), z.array(z.string()), z.array(z.number().finite()),
]);
export type ParamValue = z.infer<typeof paramValueSchema>;

const expr = z.string().trim().min(1, 'must not be empty');
const text = z.string().trim().min(1, 'must not be empty');

export const explainSchema = z.strictObject({
  pass: text, fail: text, unknown: text,
  /** for a failed rule that `review_when` downgraded to review; default: fail */
  review: text.optional(),
  /** for a rule skipped by `when` or `when_missing: skip`; default: a generic line */
  skipped: text.optional(),
});

/** Every field of a rule; in a patch everything but `id` is optional. */
const ruleFields = {
  id: z.string().regex(RULE_ID, 'rule ids are lower_snake_case'),
  title: text,
  description: text.optional(),
  /** what a failed rule does to the decision: reject → auto-reject, review → needs review */
  severity: z.enum(['reject', 'review']),
  enabled: z.boolean().optional(),
  parameters: z.record(z.string().regex(RULE_ID, 'parameter names are lower_snake_case'), paramValueSchema).optional(),
  /** named helper expressions, usable in the rule's other expressions and texts */
  let: z.record(z.string().regex(RULE_ID, 'names are lower_snake_case'), expr).optional(),
  /** the rule applies only when this is true (else: skipped) */
  when: expr.optional(),
  /** the rule is unknown (→ review) when this is true */
  unknown_when: expr.optional(),
  /** true = pass */
  condition: expr,
  /** when the condition fails and this is true, the failure only sends to review */
  review_when: expr.optional(),
  /** a fact the rule reads is null: unknown (default) or skip the rule */
  when_missing: z.enum(['unknown', 'skip']).optional(),
  explain: explainSchema,
};

export const ruleSchema = z.strictObject(ruleFields);
export type RuleDef = z.infer<typeof ruleSchema>;

export const rulePatchSchema = z.strictObject({
  ...ruleFields,
  title: ruleFields.title.optional(),
  severity: ruleFields.severity.optional(),
  condition: ruleFields.condition.optional(),
  explain: explainSchema.partial().optional(),
});
export type RulePatch = z.infer<typeof rulePatchSchema>;

export const versionSchema = z.strictObject({
  id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1)),
  title: text.optional(),
  effective_from: z.string().regex(DATE, 'a date YYYY-MM-DD'),
  effective_to: z.string().regex(DATE, 'a date YYYY-MM-DD').optional(),
  rules: z.array(rulePatchSchema).optional(),
});

export const ruleFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'ids are lower-case words joined by - or _'),
  title: text.optional(),
  description: text.optional(),
  /** a path relative to this file (`../pod.yaml`) */
  extends: text.optional(),
  /** which date picks the program version: the evaluation day (default) or the day the ACE opportunity was created */
  version_date: z.enum(['evaluation', 'opportunity_created']).optional(),
  versions: z.array(versionSchema).optional(),
  rules: z.array(rulePatchSchema).optional(),
});
export type RuleFile = z.infer<typeof ruleFileSchema>;
