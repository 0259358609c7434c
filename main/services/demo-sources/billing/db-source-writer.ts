/**
 * A SourceWriter over the shared `Db` interface (COPY text via db/copy.ts), used by the billing tests and the
 * billing benchmark. Rows are encoded lazily, so memory stays bounded by the Db's COPY chunk.
 */
import { copyLine } from '../../../../db/copy';
import type { Db } from '../../../../db/types';
import type { SourceWriter } from '../universe-types';

export function dbSourceWriter(db: Db): SourceWriter {
  return {
    createTable: (ddl) => db.exec(ddl),
    exec: (sql) => db.exec(sql),
    async copy(table, columns, rows) {
      async function* lines(): AsyncGenerator<string> {
        for await (const row of rows as AsyncIterable<readonly unknown[]>) yield copyLine(row);
      }
      return db.copyFrom(table, columns, lines());
    },
  };
}
