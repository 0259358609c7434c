/**
 * Child process for offline.spec.ts: fills the PostgreSQL warehouse at SEED_DATABASE_URL with the real
 * pipeline on the tiny demo sources (sync → transform → match → decide, tenant 'default'), then prints
 *   SEEDED {"decisions":…}
 * Run: node --import tsx renderer/e2e/offline-seed.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWarehouse } from '../../db/warehouse';
import { resolveAsOf } from '../../main/services/decide/as-of';
import { runDecide } from '../../main/services/decide/index';
import { runMatch } from '../../main/services/match';
import { syncTinyDemo } from '../../main/services/sync/testing';
import { runTransform } from '../../main/services/transform';

const url = process.env.SEED_DATABASE_URL;
if (!url) throw new Error('SEED_DATABASE_URL must be set');
const dataDir = await mkdtemp(join(tmpdir(), 'revops-e2e-offline-seed-'));
const db = await openWarehouse({ dataDir, databaseUrl: url });
try {
  await syncTinyDemo(db, dataDir);
  await runTransform({ db });
  await runMatch({ db });
  const decided = await runDecide({ db, asOf: (await resolveAsOf(dataDir)).asOf, tenant: 'default' });
  process.stdout.write(`SEEDED ${JSON.stringify({ decisions: decided.opportunities })}\n`);
} finally {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
}
