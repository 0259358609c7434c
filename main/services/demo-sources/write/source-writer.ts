/**
 * `SourceWriter` (universe-types.ts) over the shared `Db`: DDL through exec, rows streamed with COPY
 * (copyLine per row, generators in, bounded memory), and our own table definitions written the same way.
 */
import type { Db } from '../../../../db/types';
import { copyLine } from '../../../../db/copy';
import type { SourceWriter } from '../universe-types';
import type { Row } from '../model';
import { columnNames, createSql, rowValues, type TableDef } from './table';

export type Progress = (p: { step: string; table?: string; rows?: number }) => void;

async function* lines(rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>): AsyncGenerator<string> {
  for await (const r of rows) yield copyLine(r);
}

export function sourceWriter(db: Db, step: string, onProgress?: Progress): SourceWriter {
  return {
    createTable: (ddl) => db.exec(ddl),
    copy: async (table, columns, rows) => {
      const n = await db.copyFrom(table, columns, lines(rows));
      onProgress?.({ step, table, rows: n });
      return n;
    },
    exec: (sql) => db.exec(sql),
  };
}

/** Creates each table and loads its rows (in the order given, which is primary-key order). */
export async function writeTables(writer: SourceWriter, tables: readonly TableDef[], rowsOf: (name: string) => readonly Row[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) {
    await writer.createTable(createSql(t));
    const rows = rowsOf(t.name);
    counts[t.name] = rows.length === 0 ? 0 : await writer.copy(t.name, columnNames(t), (function* () {
      for (const r of rows) yield rowValues(t, r);
    })());
  }
  return counts;
}
