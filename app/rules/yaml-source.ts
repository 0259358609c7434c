/**
 * A parsed YAML rule file that remembers where every value came from, so each problem names its line.
 */
import { isScalar, LineCounter, parseDocument } from 'yaml';
import type { RuleProblem } from './errors';

export type YamlSource = {
  file: string;
  data: unknown;
  /** 1-based line of the value at `path` (or of its nearest existing parent); null when unknown */
  lineOf(path: readonly (string | number)[]): number | null;
  /** line where the text of the scalar at `path` starts (the next line for block scalars `|` and `>`) */
  textLineOf(path: readonly (string | number)[]): number | null;
};

export function parseYamlSource(file: string, text: string): { source: YamlSource | null; problems: RuleProblem[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: RuleProblem[] = doc.errors.map((e) => ({
    file, rule: null, line: lc.linePos(e.pos[0]).line, message: `YAML syntax: ${e.message.split('\n')[0] ?? e.message}`,
  }));
  if (problems.length > 0) return { source: null, problems };
  const nodeAt = (path: readonly (string | number)[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && node.range) return { node, exact: n === path.length };
    }
    return null;
  };
  const lineOf = (path: readonly (string | number)[]) => {
    const hit = nodeAt(path);
    return hit?.node.range ? lc.linePos(hit.node.range[0]).line : null;
  };
  const textLineOf = (path: readonly (string | number)[]) => {
    const hit = nodeAt(path);
    if (!hit?.node.range) return null;
    const line = lc.linePos(hit.node.range[0]).line;
    const block = hit.exact && isScalar(hit.node) && (hit.node.type === 'BLOCK_LITERAL' || hit.node.type === 'BLOCK_FOLDED');
    return block ? line + 1 : line;
  };
  return { source: { file, data: doc.toJS({ maxAliasCount: 50 }) as unknown, lineOf, textLineOf }, problems: [] };
}
