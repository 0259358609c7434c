/**
 * Rule files → one resolved rule set: follows `extends` (cycle and missing-file detection), applies tenant
 * patches and materializes every program version as a complete rule list.
 *
 * Semantics (README "Rules and decisions"):
 * - base file: `rules` are complete rules = the first version's rules; each later version (by
 *   effective_from) = the version before it + that version's patches.
 * - extending file: a version entry with an existing id patches that version only (old decisions keep
 *   the old version); a new id adds a version built on the one in force before its effective date; the
 *   file's top-level `rules` then patch every version (a tenant override wins over the base's versions).
 * - A patch names a rule by id and changes only the fields it gives (parameters, let and explain merge
 *   key by key); an unknown id must be a complete new rule.
 * Pure: files come through `read` (null = the file does not exist).
 */
import type { RuleProblem } from './errors';
import { RuleSetError } from './errors';
import type { RuleDef, RuleFile, RulePatch } from './schema';
import { ruleFileSchema, ruleSchema } from './schema';
import type { YamlSource } from './yaml-source';
import { parseYamlSource } from './yaml-source';

export type FieldOrigin = { file: string; line: number | null; textLine: number | null };
/** where each field of a rule came from: 'condition', 'when', 'let.x', 'explain.pass', 'rule' (the rule itself) */
export type RuleOrigins = Record<string, FieldOrigin>;
export type ResolvedRule = RuleDef & { origins: RuleOrigins };
export type ResolvedVersion = { id: string; title: string | null; from: string; to: string | null; rules: ResolvedRule[] };
export type ResolvedRuleSet = {
  id: string;
  title: string | null;
  versionDate: 'evaluation' | 'opportunity_created';
  /** the files of the chain, base first */
  files: string[];
  versions: ResolvedVersion[];
};

export type ReadFile = (path: string) => Promise<string | null>;

/** `dir/of/file.yaml` + `../pod.yaml` → `dir/of/../pod.yaml` normalized (forward slashes). */
export function resolveRelative(from: string, rel: string): string {
  const f = from.replace(/\\/g, '/');
  const r = rel.replace(/\\/g, '/');
  const absolute = r.startsWith('/') || (!r.startsWith('/') && f.startsWith('/'));
  const out: string[] = [];
  for (const seg of [...(r.startsWith('/') ? [] : f.split('/').slice(0, -1)), ...r.split('/')]) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return (absolute ? '/' : '') + out.join('/');
}

const FIRST_DAY = '0001-01-01';

function dayBefore(d: string): string {
  const t = Date.parse(`${d}T00:00:00Z`) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

type Loaded = { source: YamlSource; file: RuleFile };

function ruleIdAt(data: unknown, path: readonly PropertyKey[]): string | null {
  const at = (p: readonly PropertyKey[]) => p.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined), data);
  for (let n = path.length; n > 0; n--) {
    if (path[n - 2] === 'rules' && typeof path[n - 1] === 'number') {
      const id = (at(path.slice(0, n)) as { id?: unknown } | undefined)?.id;
      return typeof id === 'string' ? id : `#${(path[n - 1] as number) + 1}`;
    }
  }
  return null;
}

async function loadFile(path: string, read: ReadFile, problems: RuleProblem[], referencedBy: FieldOrigin | null): Promise<Loaded | null> {
  const text = await read(path);
  if (text === null) {
    problems.push(referencedBy
      ? { file: referencedBy.file, rule: null, line: referencedBy.line, message: `extends '${path}', which does not exist` }
      : { file: path, rule: null, line: null, message: 'file not found' });
    return null;
  }
  const { source, problems: syntax } = parseYamlSource(path, text);
  problems.push(...syntax);
  if (!source) return null;
  const parsed = ruleFileSchema.safeParse(source.data ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const p = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      const where = p.length ? ` (${p.join('.')})` : '';
      problems.push({ file: path, rule: ruleIdAt(source.data, p), line: source.lineOf(p), message: `${issue.message}${where}` });
    }
    return null;
  }
  return { source, file: parsed.data };
}

function originsOf(source: YamlSource, base: (string | number)[], patch: RulePatch): RuleOrigins {
  const o: RuleOrigins = {};
  const at = (k: string, p: (string | number)[]) => (o[k] = { file: source.file, line: source.lineOf(p), textLine: source.textLineOf(p) });
  at('rule', base);
  for (const k of ['title', 'severity', 'condition', 'when', 'unknown_when', 'review_when', 'parameters', 'enabled', 'when_missing'] as const) {
    if (patch[k] !== undefined) at(k, [...base, k]);
  }
  for (const k of Object.keys(patch.let ?? {})) at(`let.${k}`, [...base, 'let', k]);
  for (const k of Object.keys(patch.parameters ?? {})) at(`parameters.${k}`, [...base, 'parameters', k]);
  for (const k of Object.keys(patch.explain ?? {})) at(`explain.${k}`, [...base, 'explain', k]);
  return o;
}

type Draft = Partial<RuleDef> & { id: string; origins: RuleOrigins };

function applyPatch(rules: Draft[], patch: RulePatch, origins: RuleOrigins): Draft[] {
  const i = rules.findIndex((r) => r.id === patch.id);
  if (i < 0) return [...rules, { ...patch, origins } as Draft];
  const cur = rules[i] as Draft;
  const next: Draft = {
    ...cur,
    ...patch,
    parameters: patch.parameters ? { ...cur.parameters, ...patch.parameters } : cur.parameters,
    let: patch.let ? { ...cur.let, ...patch.let } : cur.let,
    explain: (patch.explain ? { ...cur.explain, ...patch.explain } : cur.explain) as RuleDef['explain'],
    origins: { ...cur.origins, ...origins, rule: cur.origins.rule ?? origins.rule } as RuleOrigins,
  };
  return rules.map((r, j) => (j === i ? next : r));
}

/** `explicitTo`: the effective_to a file gave; `to` is derived (the day before the next version) when it gave none. */
type DraftVersion = { id: string; title: string | null; from: string; explicitTo: string | null; to: string | null; rules: Draft[] };

function patchAll(source: YamlSource, rules: Draft[], patches: RulePatch[] | undefined, path: (string | number)[]): Draft[] {
  let out = rules;
  (patches ?? []).forEach((p, i) => (out = applyPatch(out, p, originsOf(source, [...path, i], p))));
  return out;
}

function checkVersions(versions: DraftVersion[], file: string, lineOf: (id: string) => number | null, problems: RuleProblem[]): DraftVersion[] {
  const sorted = [...versions].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const seen = new Set<string>();
  for (const [i, v] of sorted.entries()) {
    if (seen.has(v.id)) problems.push({ file, rule: null, line: lineOf(v.id), message: `program version '${v.id}' is defined twice` });
    seen.add(v.id);
    const next = sorted[i + 1];
    const to = v.explicitTo;
    if (to !== null && to < v.from) problems.push({ file, rule: null, line: lineOf(v.id), message: `program version '${v.id}' ends (${to}) before it starts (${v.from})` });
    if (next && next.from === v.from) problems.push({ file, rule: null, line: lineOf(next.id), message: `program versions '${v.id}' and '${next.id}' start on the same day ${v.from}` });
    if (next && to !== null && to >= next.from) problems.push({ file, rule: null, line: lineOf(v.id), message: `program version '${v.id}' (to ${to}) overlaps '${next.id}' (from ${next.from})` });
  }
  return sorted.map((v, i) => ({ ...v, to: v.explicitTo ?? (sorted[i + 1] ? dayBefore((sorted[i + 1] as DraftVersion).from) : null) }));
}

async function resolveChain(path: string, read: ReadFile, chain: string[], problems: RuleProblem[], referencedBy: FieldOrigin | null): Promise<(Omit<ResolvedRuleSet, 'versions'> & { versions: DraftVersion[] }) | null> {
  if (chain.includes(path)) {
    problems.push({ file: referencedBy?.file ?? path, rule: null, line: referencedBy?.line ?? null, message: `extends cycle: ${[...chain, path].join(' → ')}` });
    return null;
  }
  const loaded = await loadFile(path, read, problems, referencedBy);
  if (!loaded) return null;
  const { source, file } = loaded;
  const versionLine = (id: string) => source.lineOf(['versions', (file.versions ?? []).findIndex((v) => v.id === id)]);
  if (!file.extends) {
    let rules = patchAll(source, [], file.rules, ['rules']);
    const entries: RuleFile['versions'] & object = file.versions?.length ? file.versions : [{ id: '1', effective_from: FIRST_DAY, rules: [] }];
    const order = entries.map((v, i) => ({ v, i })).sort((a, b) => (a.v.effective_from < b.v.effective_from ? -1 : 1));
    const versions: DraftVersion[] = [];
    for (const { v, i } of order) {
      rules = patchAll(source, rules, v.rules, ['versions', i, 'rules']);
      const explicitTo = v.effective_to ?? null;
      versions.push({ id: v.id, title: v.title ?? null, from: v.effective_from, explicitTo, to: null, rules });
    }
    return { id: file.id, title: file.title ?? null, versionDate: file.version_date ?? 'evaluation', files: [path], versions: checkVersions(versions, path, versionLine, problems) };
  }
  const parentPath = resolveRelative(path, file.extends);
  const parent = await resolveChain(parentPath, read, [...chain, path], problems, { file: path, line: source.lineOf(['extends']), textLine: null });
  if (!parent) return null;
  const versions = parent.versions.map((v) => ({ ...v }));
  for (const [i, v] of (file.versions ?? []).entries()) {
    const existing = versions.find((x) => x.id === v.id);
    if (existing) {
      if (v.effective_from !== existing.from || (v.effective_to !== undefined && v.effective_to !== existing.explicitTo)) {
        problems.push({ file: path, rule: null, line: source.lineOf(['versions', i]), message: `program version '${v.id}' exists in ${parentPath} with other dates; an extending file may only patch its rules` });
      }
      existing.rules = patchAll(source, existing.rules, v.rules, ['versions', i, 'rules']);
    } else {
      // built on the version in force just before it starts (or the first one)
      const before = [...versions].sort((a, b) => (a.from < b.from ? 1 : -1)).find((x) => x.from <= v.effective_from);
      const rules = patchAll(source, before?.rules ?? versions[0]?.rules ?? [], v.rules, ['versions', i, 'rules']);
      versions.push({ id: v.id, title: v.title ?? null, from: v.effective_from, explicitTo: v.effective_to ?? null, to: null, rules });
    }
  }
  const patched = versions.map((v) => ({ ...v, rules: patchAll(source, v.rules, file.rules, ['rules']) }));
  return {
    id: file.id,
    title: file.title ?? parent.title,
    versionDate: file.version_date ?? parent.versionDate,
    files: [...parent.files, path],
    versions: checkVersions(patched, path, versionLine, problems),
  };
}

/** Every rule complete and valid after all patches; problems point at where the rule was defined. */
function completeRules(versions: DraftVersion[], problems: RuleProblem[]): ResolvedVersion[] {
  const reported = new Set<string>();
  return versions.map((v) => ({
    id: v.id,
    title: v.title,
    from: v.from,
    to: v.to,
    rules: v.rules.flatMap((d) => {
      const { origins, ...rest } = d;
      const parsed = ruleSchema.safeParse(rest);
      if (parsed.success) return [{ ...parsed.data, origins }];
      for (const issue of parsed.error.issues) {
        const field = issue.path.filter((k) => typeof k !== 'symbol').join('.');
        const o = origins[field] ?? origins[String(issue.path[0])] ?? origins.rule;
        const msg = issue.code === 'invalid_type' && issue.input === undefined ? `'${field}' is missing (a new rule must be complete)` : `${field}: ${issue.message}`;
        const key = `${o?.file}|${d.id}|${msg}`;
        if (reported.has(key)) continue;
        reported.add(key);
        problems.push({ file: o?.file ?? '?', rule: d.id, line: o?.line ?? null, message: msg });
      }
      return [];
    }),
  }));
}

/** Loads `path` and everything it extends; throws RuleSetError listing every problem. */
export async function resolveRuleSet(path: string, read: ReadFile): Promise<ResolvedRuleSet> {
  const problems: RuleProblem[] = [];
  const chain = await resolveChain(path, read, [], problems, null);
  if (!chain || problems.length > 0) throw new RuleSetError(problems.length ? problems : [{ file: path, rule: null, line: null, message: 'could not be loaded' }]);
  const versions = completeRules(chain.versions, problems);
  if (problems.length > 0) throw new RuleSetError(problems);
  return { ...chain, versions };
}
