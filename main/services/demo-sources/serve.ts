/**
 * Serves the embedded demo sources over the PostgreSQL wire protocol (@electric-sql/pglite-socket) on
 * 127.0.0.1 ephemeral ports, so `pg` clients read them exactly as they will read production.
 * Server mode: the sources already are databases on the server; their URLs are returned as-is (callers
 * redact passwords before printing).
 * Notes (pglite-socket 0.2.17): COPY … TO STDOUT works over the socket, COPY FROM STDIN does not; all
 * clients share PGlite's single session (queries are queued, transactions keep their client).
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDir, type DirLock } from '../../../db/dir-lock';
import { withDatabase } from '../../../db/server-database';
import { demoSourcesDir, readDemoManifest } from './location';

export type ServedSources = { urls: { odoo: string; apn: string }; close(): Promise<void> };

export class DemoSourcesMissingError extends Error {
  override readonly name = 'DemoSourcesMissingError';
}

type Served = { pg: PGlite; server: PGLiteSocketServer; lock: DirLock; url: string };

async function serveOne(dir: string, what: string): Promise<Served> {
  const lock = await lockDir(dir, what);
  try {
    const pg = await PGlite.create({ dataDir: dir });
    // Several clients (a pool, a second command) may connect; PGlite queues their queries.
    const server = new PGLiteSocketServer({ db: pg, host: '127.0.0.1', port: 0, maxConnections: 16 });
    await server.start();
    const port = server.getServerConn().split(':').pop();
    return { pg, server, lock, url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable` };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

export async function serveDemoSources(dataDir: string, databaseUrl?: string): Promise<ServedSources> {
  const manifest = await readDemoManifest(dataDir);
  if (!manifest) throw new DemoSourcesMissingError('No demo sources yet: run `revops demo sources --scale small --seed demo` first.');
  if (manifest.engine === 'postgres') {
    if (!databaseUrl) throw new DemoSourcesMissingError('The demo sources were generated on a PostgreSQL server: set DATABASE_URL to reach them.');
    return { urls: { odoo: withDatabase(databaseUrl, manifest.location.odoo), apn: withDatabase(databaseUrl, manifest.location.apn) }, close: async () => {} };
  }
  const root = demoSourcesDir(dataDir);
  const served: Served[] = [];
  const closeAll = async (): Promise<void> => {
    for (const s of served.splice(0)) {
      await s.server.stop();
      await s.pg.close();
      await s.lock.release();
    }
  };
  try {
    served.push(await serveOne(join(root, manifest.location.odoo), 'demo source odoo'));
    served.push(await serveOne(join(root, manifest.location.apn), 'demo source apn'));
  } catch (err) {
    await closeAll();
    throw err;
  }
  const [odoo, apn] = served as [Served, Served];
  return { urls: { odoo: odoo.url, apn: apn.url }, close: closeAll };
}
