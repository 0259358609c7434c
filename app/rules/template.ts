/**
 * Explanation templates: text with `{{ expression }}` or `{{ expression | format }}` parts, where the
 * expression is CEL over the same facts, params and `let` names as the rule (checked on load), e.g.
 *   "Prior-month spend on {{ aws_account_id }} was {{ spend | usd }} (< {{ params.max_spend | money }})"
 * A part that cannot be computed (a null fact) renders as "unknown"; rendering never throws.
 */

export const FORMATS = ['usd', 'money', 'pct', 'int', 'list', 'text'] as const;
export type Format = (typeof FORMATS)[number];

export type TemplatePart = { text: string } | { expr: string; format: Format | null; offset: number };

/** Splits a template into text and expression parts; `problems` gets unclosed braces and unknown formats. */
export function parseTemplate(template: string, problems: { message: string; offset: number }[]): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      parts.push({ text: template.slice(i) });
      break;
    }
    if (open > i) parts.push({ text: template.slice(i, open) });
    const close = template.indexOf('}}', open + 2);
    if (close < 0) {
      problems.push({ message: "'{{' without a closing '}}'", offset: open });
      break;
    }
    const body = template.slice(open + 2, close);
    const m = /^(.*[^|])\|(?!\|)\s*([a-z][a-z0-9_]*)\s*$/s.exec(body);
    let expr = body;
    let format: Format | null = null;
    if (m && m[1] !== undefined && m[2] !== undefined) {
      if ((FORMATS as readonly string[]).includes(m[2])) {
        expr = m[1];
        format = m[2] as Format;
      } else {
        problems.push({ message: `unknown format '${m[2]}' (use one of ${FORMATS.join(', ')})`, offset: open });
      }
    }
    if (expr.trim() === '') problems.push({ message: "empty '{{ }}'", offset: open });
    parts.push({ expr: expr.trim(), format, offset: open + 2 });
    i = close + 2;
  }
  return parts;
}

const grouped = (n: number, decimals: number) =>
  Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

export function formatValue(v: unknown, format: Format | null): string {
  if (v === null || v === undefined) return 'unknown';
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map((x) => formatValue(x, format === 'list' ? null : format)).join(', ');
  const num = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null;
  switch (format) {
    case 'usd':
      return num === null ? String(v) : `${num < 0 ? '-' : ''}$${grouped(num, 2)}`;
    case 'money':
      return num === null ? String(v) : `${num < 0 ? '-' : ''}$${grouped(num, Number.isInteger(Math.round(num * 100) / 100) ? 0 : 2)}`;
    case 'pct':
      return num === null ? String(v) : `${(num * 100).toFixed(1).replace(/\.0$/, '')}%`;
    case 'int':
      return num === null ? String(v) : String(Math.round(num));
    default:
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 10_000) / 10_000);
      if (typeof v === 'boolean') return v ? 'yes' : 'no';
      if (typeof v === 'string') return v;
      return JSON.stringify(v);
  }
}
