import { expect, test } from '../fixtures';

test('the seeded host serves the decisions the demo pipeline made', async ({ seededHost, request }) => {
  const { seed } = seededHost;
  expect(seed.scale).toBe('tiny');
  expect(seededHost.warehouse).toBe('ok');
  const decided = seed.decide.autoApprove + seed.decide.needsReview + seed.decide.autoReject;
  expect(decided).toBeGreaterThan(0);
  expect(seed.match.matched).toBeGreaterThan(0);
  const invoke = async <T>(channel: string, data: unknown): Promise<T> => {
    const res = await request.post(`${seededHost.origin}/api/invoke/${channel}`, { headers: { Authorization: `Bearer ${seededHost.token}` }, data });
    expect(res.ok(), await res.text()).toBe(true);
    return ((await res.json()) as { value: T }).value;
  };
  const rules = await invoke<{ tenant: string; ruleSetHash: string | null }>('rules:active', {});
  expect(rules.tenant).toBe(seed.decide.tenant);
  expect(rules.ruleSetHash).not.toBeNull();
  const list = await invoke<{ tenant: string; total: number }>('decision:list', { limit: 5000 });
  expect(list.tenant).toBe(seed.decide.tenant);
  expect(list.total).toBe(decided);
});
