import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLogFile } from './log-file';

describe('desktop log file', () => {
  it('appends one line per entry under <dataDir>/logs and rotates an oversized file at start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-log-'));
    try {
      await mkdir(join(dataDir, 'logs'));
      await writeFile(join(dataDir, 'logs/main.log'), 'x'.repeat(5 * 1024 * 1024 + 1));
      const log = openLogFile(dataDir);
      expect(log.path).toBe(join(dataDir, 'logs/main.log'));
      log.write({ level: 'info', message: 'first', time: '2026-01-01T00:00:00.000Z' });
      log.write({ level: 'error', message: 'second', time: '2026-01-01T00:00:01.000Z' });
      await log.close();
      expect(await readFile(log.path, 'utf8')).toBe('2026-01-01T00:00:00.000Z INFO  first\n2026-01-01T00:00:01.000Z ERROR second\n');
      expect(existsSync(`${log.path}.1`)).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
