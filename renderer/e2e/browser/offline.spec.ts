/**
 * The offline path in the browser, through the headless host over a real PostgreSQL warehouse that the
 * test makes unreachable with a TCP proxy (the shared server is never stopped): warehouse cut → decide →
 * the status bar says Offline with the pending count → warehouse back → "Retry now" → the decision in
 * the warehouse exactly once; a decision another analyst made meanwhile shows up as a conflict; and an
 * outbox left by a stopped host is sent once by the next host over the same data folder.
 *
 * Decisions are made through the host API (what the review screen calls); this spec is about what the
 * status bar and the offline panel show, not the review screen's keys.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { openPostgres } from '../../../db/postgres';
import { createServerDatabase } from '../../../db/server-database';
import { startTcpProxy } from '../../../main/services/offline/tcp-proxy';
import { expect, ROOT, spawnHost, test } from '../fixtures';
import type { RunningHost } from '../fixtures';

const adminUrl = process.env.TEST_DATABASE_URL;
const shot = (page: Page, name: string) => page.screenshot({ path: join(ROOT, 'artifacts/screens', `${name}.png`) });

type Item = { aceId: string; state: string };
type SetResult = { eventId: string; state: string; queued?: boolean };
type Status = { online: boolean | null; pending: number; conflicts: { aceId: string }[]; replica: { decisions: number } };

function api(request: APIRequestContext, host: RunningHost) {
  return async <T>(channel: string, data: unknown): Promise<T> => {
    const res = await request.post(`${host.origin}/api/invoke/${channel}`, { headers: { Authorization: `Bearer ${host.token}` }, data });
    expect(res.ok(), await res.text()).toBe(true);
    return ((await res.json()) as { value: T }).value;
  };
}

test.skip(!adminUrl, 'needs a PostgreSQL server (TEST_DATABASE_URL) to make unreachable');

test('offline: decide while the warehouse is unreachable, the status bar shows it, the decision lands once when it is back', async ({ page, request }) => {
  test.setTimeout(300_000);
  const created = await createServerDatabase(adminUrl as string);
  const target = new URL(created.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const dataDir = mkdtempSync(join(tmpdir(), 'revops-e2e-offline-'));
  const hosts: RunningHost[] = [];
  const wh = await openPostgres(created.url, { max: 1, applicationName: 'revops-e2e offline check' }).catch(async (err: unknown) => {
    await created.drop();
    throw err;
  });
  const eventsOf = async (aceId: string) =>
    (await wh.query<{ event_id: string; actor: string; action: string }>("SELECT event_id, actor, action FROM ops.pod_decision_events WHERE tenant = 'default' AND ace_source_id = $1 ORDER BY seq", [aceId])).rows;
  try {
    const seeded = execFileSync(process.execPath, ['--import', 'tsx', 'renderer/e2e/offline-seed.ts'], { cwd: ROOT, env: { ...process.env, SEED_DATABASE_URL: created.url }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    expect(seeded).toContain('SEEDED ');

    let host = await spawnHost({ databaseUrl: proxy.via(created.url), dataDir });
    hosts.push(host);
    // another analyst's app, straight on the warehouse
    const bob = await spawnHost({ databaseUrl: created.url });
    hosts.push(bob);
    let invoke = api(request, host);

    await page.goto(host.url);
    await expect(page.getByTestId('offline-state')).toHaveText('Online');
    const copied = await invoke<Status>('offline:sync', {});
    const list = await invoke<{ items: Item[] }>('decision:list', { limit: 5000 });
    expect(copied.replica.decisions).toBe(list.items.length);
    const open = list.items.filter((i) => i.state !== 'approved' && i.state !== 'rejected');
    expect(open.length).toBeGreaterThanOrEqual(3);
    const [a, c, r] = open.slice(0, 3).map((i) => i.aceId) as [string, string, string];

    await proxy.cut();
    const mine = await invoke<SetResult>('decision:set', { aceId: a, action: 'approve', reason: 'customer confirmed by mail', user: 'ana' });
    expect(mine).toMatchObject({ state: 'approved', queued: true });
    const clash = await invoke<SetResult>('decision:set', { aceId: c, action: 'reject', reason: 'end customer is a reseller', user: 'ana' });
    expect(clash.queued).toBe(true);
    await api(request, bob)('decision:set', { aceId: c, action: 'approve', reason: 'checked with the AWS PDM', user: 'bob' });
    await expect(page.getByTestId('offline-state')).toHaveText('Offline');
    await expect(page.getByTestId('offline-pending')).toHaveText('2 pending');
    await page.getByTestId('offline-badge').click();
    const panel = page.getByTestId('offline-panel');
    await expect(panel.getByTestId('offline-queue')).toContainText(a);
    await expect(panel).toContainText('127.0.0.1');
    await shot(page, 'offline');
    expect(await eventsOf(a)).toEqual([]);
    // the review queue keeps working from the copy, the queued decision shown as waiting
    await panel.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
    await page.getByRole('textbox', { name: /search/i }).or(page.getByPlaceholder(/search/i)).first().fill(a);
    await expect(page.getByText(a).first()).toBeVisible();
    await shot(page, 'offline-review');
    await page.getByTestId('offline-badge').click();

    await proxy.restore();
    await panel.getByRole('button', { name: 'Retry now' }).click();
    await expect(page.getByTestId('offline-state')).toHaveText('Online');
    await expect(page.getByTestId('offline-pending')).toHaveCount(0);
    await expect(page.getByTestId('offline-conflicts')).toHaveText('1 conflict');
    expect(await eventsOf(a)).toEqual([{ event_id: mine.eventId, actor: 'ana', action: 'approve' }]);
    const conflict = panel.getByTestId('offline-conflict');
    await expect(conflict).toContainText(c);
    await expect(conflict).toContainText('bob approved it meanwhile');
    await expect(panel.getByRole('button', { name: 'Retry now' })).toBeEnabled();
    await shot(page, 'offline-conflict');
    await conflict.getByRole('button', { name: 'Discard mine' }).click();
    await expect(page.getByTestId('offline-conflicts')).toHaveCount(0);
    expect((await eventsOf(c)).map((e) => e.actor)).toEqual(['bob']);
    await panel.getByRole('button', { name: 'Close' }).click();

    // across a restart: the outbox is on disk; the next host sends it without being asked
    await proxy.cut();
    const later = await invoke<SetResult>('decision:set', { aceId: r, action: 'reject', reason: 'no spend on the account', user: 'ana' });
    expect(later.queued).toBe(true);
    await expect(page.getByTestId('offline-pending')).toHaveText('1 pending');
    await host.stop();
    hosts.splice(hosts.indexOf(host), 1);
    await proxy.restore();
    host = await spawnHost({ databaseUrl: proxy.via(created.url), dataDir });
    hosts.push(host);
    invoke = api(request, host);
    await expect.poll(async () => (await eventsOf(r)).length, { timeout: 30_000 }).toBe(1);
    expect((await eventsOf(r))[0]).toMatchObject({ event_id: later.eventId, action: 'reject' });
    await page.goto(host.url);
    await expect(page.getByTestId('offline-state')).toHaveText('Online');
    await expect(page.getByTestId('offline-pending')).toHaveCount(0);
    expect((await invoke<Status>('offline:sync', {})).pending).toBe(0);
    expect(await eventsOf(r)).toHaveLength(1);
    expect(await eventsOf(a)).toHaveLength(1);
  } finally {
    for (const h of hosts) await h.stop();
    await proxy.dispose();
    await wh.close();
    await created.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
