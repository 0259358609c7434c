/**
 * The `sql` tagged template: values become bound parameters ($1, $2 …), fragments compose.
 *
 * Invariants:
 * - A value is never spliced into the SQL text: every `${value}` becomes a `$n` placeholder.
 * - Only `Sql` fragments (from `sql`, `ident`, `join`) are inlined as text, renumbered in order.
 * - Identifiers are inlined only through `ident()`, which accepts lower-case snake_case parts.
 *
 *   const q = sql`SELECT * FROM ${ident('core.account')} WHERE id = ${id} AND ${cond}`;
 *   await db.query(q.text, q.values);
 */

const IDENT_PART = /^[a-z_][a-z0-9_]*$/;

export class Sql {
  /** Literal text pieces; always one more than `params`. */
  readonly strings: readonly string[];
  readonly params: readonly unknown[];

  constructor(strings: readonly string[], params: readonly unknown[]) {
    const s: string[] = [strings[0] ?? ''];
    const p: unknown[] = [];
    params.forEach((param, i) => {
      const next = strings[i + 1] ?? '';
      if (param instanceof Sql) {
        // Inline the fragment: its first piece joins ours, its params follow ours.
        s[s.length - 1] += param.strings[0] ?? '';
        param.params.forEach((pp, j) => {
          p.push(pp);
          s.push(param.strings[j + 1] ?? '');
        });
        s[s.length - 1] += next;
      } else {
        p.push(param);
        s.push(next);
      }
    });
    this.strings = s;
    this.params = p;
  }

  /** SQL text with `$1 … $n` placeholders. */
  get text(): string {
    let out = this.strings[0] ?? '';
    for (let i = 1; i < this.strings.length; i++) out += `$${i}${this.strings[i]}`;
    return out;
  }

  /** Parameter values in placeholder order. */
  get values(): unknown[] {
    return [...this.params];
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Asserts a safe identifier (`name` or `schema.name`, lower-case snake_case parts) and double-quotes it. */
export function quoteIdent(name: string): string {
  const parts = name.split('.');
  if (parts.length > 3 || !parts.every((p) => IDENT_PART.test(p))) {
    throw new Error(`Unsafe SQL identifier ${JSON.stringify(name)}: expected lower-case [a-z_][a-z0-9_]* parts joined by '.'`);
  }
  return parts.map((p) => `"${p}"`).join('.');
}

/** An identifier as a fragment for `sql`: `sql\`SELECT * FROM ${ident('raw.odoo_crm_lead')}\``. */
export function ident(name: string): Sql {
  return new Sql([quoteIdent(name)], []);
}

/** Joins fragments (or values, which become parameters) with a separator fragment, default `, `. */
export function join(items: readonly unknown[], separator: Sql = new Sql([', '], [])): Sql {
  if (items.length === 0) return new Sql([''], []);
  const strings: string[] = [''];
  const params: unknown[] = [];
  items.forEach((item, i) => {
    if (i > 0) {
      params.push(separator);
      strings.push('');
    }
    params.push(item);
    strings.push('');
  });
  return new Sql(strings, params);
}
