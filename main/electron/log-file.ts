/**
 * The desktop app's log: `<dataDir>/logs/main.log`, one line per entry, appended. Entries arrive already
 * redacted from the runtime's log. Rotation: when the file passes 5 MB at start-up it is renamed to
 * main.log.1 (one generation kept), which bounds the folder without a logging library.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry } from '../host/runtime';

const MAX_BYTES = 5 * 1024 * 1024;

export type LogFile = { path: string; write(entry: LogEntry): void; close(): Promise<void> };

export function openLogFile(dataDir: string): LogFile {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'main.log');
  if (existsSync(path) && statSync(path).size > MAX_BYTES) renameSync(path, `${path}.1`);
  const stream = createWriteStream(path, { flags: 'a' });
  return {
    path,
    write(entry) {
      stream.write(`${entry.time} ${entry.level.toUpperCase().padEnd(5)} ${entry.message}\n`);
    },
    close: () => new Promise<void>((done) => stream.end(done)),
  };
}
