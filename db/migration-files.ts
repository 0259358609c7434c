/**
 * Migration files on disk: `NNNN_name.sql`, numbered 0001, 0002, … without gaps.
 *
 * Invariants:
 * - The checksum is SHA-256 of the file with CRLF normalized to LF (a Windows checkout with
 *   core.autocrlf must not look like an edited migration).
 * - A file must not manage transactions itself (BEGIN/COMMIT): the runner wraps each file and its
 *   record in one transaction.
 * - Optional parts: lines between `-- revops:if-extension <name>` and `-- revops:end-if` run only when
 *   the extension is available on the server (pg_available_extensions). The checksum covers the whole
 *   file either way; skipped blocks are recorded in ops.schema_migrations.skipped_optional.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type MigrationFile = { version: number; name: string; file: string; path: string };
export type OptionalBlock = { extension: string; sql: string };
export type MigrationScript = MigrationFile & { checksum: string; sql: string; optional: OptionalBlock[] };

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** `<this module's folder>/migrations/pg`. Packaging copies that folder beside the bundle or passes `dir`. */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations/pg/', import.meta.url));
}

/** The migration files of `dir`, ordered; refuses stray .sql names, duplicates and gaps. */
export function listMigrations(dir: string): MigrationFile[] {
  const files: MigrationFile[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const m = FILE_NAME.exec(file);
    if (!m) throw new MigrationError(`Migration file ${file} in ${dir} is not named NNNN_lower_snake_name.sql`);
    files.push({ version: Number(m[1]), name: m[2] as string, file, path: join(dir, file) });
  }
  files.forEach((f, i) => {
    if (f.version !== i + 1) {
      const prev = files[i - 1];
      throw new MigrationError(
        f.version === prev?.version
          ? `Two migrations share version ${f.version}: ${prev.file} and ${f.file}`
          : `Migration files have a gap: expected version ${i + 1} but found ${f.file} in ${dir}`,
      );
    }
  });
  return files;
}

/** The newest version the files in `dir` define (0 when there are none). */
export function newestVersion(dir: string): number {
  return listMigrations(dir).at(-1)?.version ?? 0;
}

function parseOptional(file: string, sql: string): OptionalBlock[] {
  const blocks: OptionalBlock[] = [];
  let open: { extension: string; lines: string[] } | null = null;
  sql.split('\n').forEach((line, i) => {
    const start = /^--\s*revops:if-extension\s+([a-z0-9_]+)\s*$/.exec(line.trim());
    if (start) {
      if (open) throw new MigrationError(`${file}:${i + 1}: revops:if-extension blocks cannot nest`);
      open = { extension: start[1] as string, lines: [] };
    } else if (/^--\s*revops:end-if\s*$/.test(line.trim())) {
      if (!open) throw new MigrationError(`${file}:${i + 1}: revops:end-if without revops:if-extension`);
      blocks.push({ extension: open.extension, sql: open.lines.join('\n') });
      open = null;
    } else if (open) {
      open.lines.push(line);
    } else if (/^\s*--\s*revops:/.test(line)) {
      throw new MigrationError(`${file}:${i + 1}: unknown directive ${line.trim()}`);
    }
  });
  if (open) throw new MigrationError(`${file}: revops:if-extension block is not closed with revops:end-if`);
  return blocks;
}

/** Reads one file: normalized text, checksum and optional blocks. */
export async function readMigration(f: MigrationFile): Promise<MigrationScript> {
  const sql = (await readFile(f.path, 'utf8')).replace(/\r\n/g, '\n');
  if (/^\s*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION)\s*(TRANSACTION|WORK)?\s*;/im.test(sql)) {
    throw new MigrationError(`${f.file} manages transactions itself (BEGIN/COMMIT); the runner already wraps each migration in one`);
  }
  const checksum = createHash('sha256').update(sql, 'utf8').digest('hex');
  return { ...f, sql, checksum, optional: parseOptional(f.file, sql) };
}

/** The SQL to run: the file with each optional block kept or commented out. */
export function renderMigration(m: MigrationScript, available: ReadonlySet<string>): string {
  let inBlock: string | null = null;
  return m.sql
    .split('\n')
    .map((line) => {
      const start = /^--\s*revops:if-extension\s+([a-z0-9_]+)\s*$/.exec(line.trim());
      if (start) inBlock = start[1] as string;
      else if (/^--\s*revops:end-if\s*$/.test(line.trim())) inBlock = null;
      else if (inBlock && !available.has(inBlock)) return `-- (skipped: ${inBlock} not available) ${line}`;
      return line;
    })
    .join('\n');
}
