import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from './postgres';
import { createServerDatabase } from './server-database';

const server = process.env.TEST_DATABASE_URL;

describe.skipIf(!server)('openPostgres', () => {
  let created: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    created = await createServerDatabase(server as string);
  });
  afterAll(async () => {
    await created?.drop();
  });

  it('readOnly sessions refuse writes; others do not', async () => {
    const rw = await openPostgres(created.url);
    const ro = await openPostgres(created.url, { readOnly: true, applicationName: 'revops-ro-test' });
    try {
      await rw.exec('CREATE TABLE ro_probe (id int)');
      await expect(ro.query('INSERT INTO ro_probe VALUES (1)')).rejects.toThrow(/read-only transaction/);
      await expect(ro.copyFrom('ro_probe', ['id'], ['1'])).rejects.toThrow(/read-only transaction/);
      const r = await ro.query<{ ro: string; app: string }>("SELECT current_setting('default_transaction_read_only') AS ro, current_setting('application_name') AS app");
      expect(r.rows[0]).toEqual({ ro: 'on', app: 'revops-ro-test' });
      expect(await rw.copyFrom('ro_probe', ['id'], ['1', '2'])).toBe(2);
      expect(rw.description).not.toContain(new URL(created.url).password || '\u0000');
    } finally {
      await ro.close();
      await rw.close();
    }
  });
});
