/**
 * Test support: a small PostgreSQL source under the test's control — an in-memory PGlite served over the
 * wire protocol (like the embedded demo sources) behind a TCP proxy that can be cut, to play a source
 * that goes down in the middle of a sync.
 */
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type TestSource = {
  /** postgres:// URL through the proxy (loopback, no TLS). */
  url: string;
  /** Runs statements in a read-write transaction (the served session may have been left read-only). */
  write(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Cuts every connection and refuses new ones, like a source server that went down. */
  stop(): Promise<void>;
  close(): Promise<void>;
};

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

export async function startTestSource(setupSql: string): Promise<TestSource> {
  const pg = await PGlite.create();
  await pg.exec(setupSql);
  const server = new PGLiteSocketServer({ db: pg, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const target = Number(server.getServerConn().split(':').pop());
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await listen(proxy);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  };
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async write(sql) {
      await pg.exec(`ROLLBACK; BEGIN READ WRITE; ${sql}; COMMIT;`);
    },
    async query<T>(sql: string, params?: unknown[]) {
      return (await pg.query<T>(sql, params)).rows;
    },
    stop,
    async close() {
      await stop();
      await server.stop();
      await pg.close();
    },
  };
}
