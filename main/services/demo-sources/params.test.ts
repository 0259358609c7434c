import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseParams, UsageError } from './params';
import { generateDemoSources } from './generate';

describe('generator parameters', () => {
  it('accepts the three scales, defaults asOf to 2026-06-30 and gives tiny a 12-month history', () => {
    expect(parseParams({ scale: 'small', seed: 'demo' })).toMatchObject({ scale: 'small', seed: 'demo', asOf: '2026-06-30', historyMonths: 36 });
    expect(parseParams({ scale: 'tiny', seed: 'x', asOf: '2025-02-28' })).toMatchObject({ asOf: '2025-02-28', historyMonths: 12 });
    expect(parseParams({ scale: 'prod', seed: 'ü ß 漢字 ok' }).seed).toBe('ü ß 漢字 ok');
  });

  it.each([
    [{ scale: 'huge', seed: 's' }, "Unknown scale 'huge' (expected tiny, small or prod)"],
    [{ seed: 's' }, 'Missing --scale (expected tiny, small or prod)'],
    [{ scale: 'tiny' }, 'Missing --seed'],
    [{ scale: 'tiny', seed: '' }, "Bad seed '': must not be empty"],
    [{ scale: 'tiny', seed: 'x'.repeat(65) }, 'must be at most 64 characters'],
    [{ scale: 'tiny', seed: 'a\tb' }, 'must be printable'],
    [{ scale: 'tiny', seed: 's', asOf: '2026-02-30' }, "Bad --as-of '2026-02-30': is not a calendar date"],
    [{ scale: 'tiny', seed: 's', asOf: '30.06.2026' }, 'must be a date YYYY-MM-DD'],
  ])('rejects %j with a usage error', (raw, message) => {
    let caught: unknown;
    try {
      parseParams(raw);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toContain(message);
  });

  it('rejects bad parameters before anything is written', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-demo-params-'));
    const lines: string[] = [];
    await expect(generateDemoSources({ dataDir, scale: 'huge', seed: 's', log: (l) => lines.push(l) })).rejects.toBeInstanceOf(UsageError);
    await expect(generateDemoSources({ dataDir, scale: 'tiny', seed: 's', asOf: '2026-13-01', log: (l) => lines.push(l) })).rejects.toThrow(/as-of/);
    expect(await readdir(dataDir)).toEqual([]);
    expect(lines).toEqual([]);
  });
});
