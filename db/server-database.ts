/**
 * Scratch databases on a PostgreSQL server (tests, benchmarks): `revops_t_<random>`, created through an
 * admin URL (a role with CREATEDB) and dropped with FORCE afterwards. Free of test-framework imports.
 */
import { randomBytes } from 'node:crypto';
import { openPostgres } from './postgres';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a fresh, empty database on the test server and returns its URL and a dropper. */
export async function createServerDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `revops_t_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(adminUrl, { max: 1, applicationName: 'revops-tests admin' });
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  return {
    url: withDatabase(adminUrl, name),
    async drop() {
      const a = await openPostgres(adminUrl, { max: 1, applicationName: 'revops-tests admin' });
      try {
        await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.close();
      }
    },
  };
}
