/**
 * Rule files on disk → a compiled rule set with its version hash.
 * - Where: `REVOPS_RULES_DIR`, else the `rules/` folder of the app (base `pod.yaml`, tenants in
 *   `tenants/<name>.yaml`).
 * - The hash is sha256 over the canonical JSON of the resolved set (rules of every version, without
 *   line numbers), so moving a comment does not make a new version but changing a threshold does.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledRuleSet, ResolvedRuleSet } from '../../../app/rules';
import { compileRuleSet, resolveRuleSet } from '../../../app/rules';

export const TENANT_NAME = /^[a-z0-9][a-z0-9_-]*$/;
export const DEFAULT_TENANT = 'default';

export function rulesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REVOPS_RULES_DIR) return resolve(env.REVOPS_RULES_DIR);
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../rules');
}

export function ruleFileFor(dir: string, tenant: string): string {
  return tenant === DEFAULT_TENANT ? join(dir, 'pod.yaml') : join(dir, 'tenants', `${tenant}.yaml`);
}

/** A path as shown in messages: relative to the current folder when inside it. */
export function displayPath(p: string): string {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r.split('\\').join('/') : p;
}

export type LoadedRuleSet = {
  compiled: CompiledRuleSet;
  hash: string;
  /** the chain, base first, with each file's sha256 */
  files: { path: string; sha256: string }[];
};

/** The resolved set without source positions: what the hash covers and ops.rule_sets.content keeps. */
export function canonicalRuleSet(r: ResolvedRuleSet): unknown {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
    return v;
  };
  return sortKeys({ ...r, files: r.files.map(displayPath), versions: r.versions.map((v) => ({ ...v, rules: v.rules.map(({ origins: _o, ...rule }) => rule) })) });
}

export function hashRuleSet(r: ResolvedRuleSet): string {
  return createHash('sha256').update(JSON.stringify(canonicalRuleSet(r))).digest('hex');
}

/** Loads, resolves and compiles `path` (and what it extends); throws RuleSetError with every problem. */
export async function loadRuleSetFile(path: string): Promise<LoadedRuleSet> {
  const texts = new Map<string, string>();
  const read = async (p: string): Promise<string | null> => {
    try {
      const t = await readFile(p, 'utf8');
      texts.set(p, t);
      return t;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
  // problems name files as the user knows them (relative to the current folder)
  const shown = displayPath(resolve(path));
  const readShown = (p: string) => read(isAbsolute(p) ? p : resolve(p));
  const resolved = await resolveRuleSet(shown, readShown);
  const compiled = compileRuleSet(resolved);
  const files = resolved.files.map((f) => ({ path: f, sha256: createHash('sha256').update(texts.get(isAbsolute(f) ? f : resolve(f)) ?? '').digest('hex') }));
  return { compiled, hash: hashRuleSet(resolved), files };
}

/** Recompiles a rule set stored in ops.rule_sets (the last good one when the files are broken). */
export function compileStored(content: ResolvedRuleSet): CompiledRuleSet {
  const withOrigins: ResolvedRuleSet = { ...content, versions: content.versions.map((v) => ({ ...v, rules: v.rules.map((r) => ({ ...r, origins: r.origins ?? {} })) })) };
  return compileRuleSet(withOrigins);
}
