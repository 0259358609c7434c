/**
 * The evaluation day of `revops decide`. Real sources describe today; the demo sources describe the day
 * they were generated for (their manifest's as-of, or the last `demo advance` day), so on demo data the
 * POD windows ("within 90 days", "the prior month") are measured from that day.
 */
import { loadSettings } from '../../config/settings';
import { readDemoManifest } from '../demo-sources/location';

export async function resolveAsOf(dataDir: string, explicit?: string): Promise<{ asOf: string; why: string }> {
  if (explicit) return { asOf: explicit, why: '--as-of' };
  const settings = await loadSettings(dataDir).catch(() => null);
  const demo = settings ? [settings.sources.odoo, settings.sources.apn].some((s) => s?.kind.startsWith('demo') ?? false) : false;
  if (demo) {
    const m = await readDemoManifest(dataDir);
    if (m) return { asOf: m.delta?.date ?? m.asOf, why: `the demo sources' day (seed '${m.seed}')` };
  }
  return { asOf: new Date().toISOString().slice(0, 10), why: 'today (UTC)' };
}
