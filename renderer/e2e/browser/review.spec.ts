/**
 * The review screen on a warehouse the demo pipeline filled (seededHost, tiny scale): the keyboard flow
 * (j/k/a/r/u, /), an approval that survives a reload, another candidate chosen as the match, the filters
 * and the rule panel, checked against what the host itself answers.
 */
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import type { CostQueryOutput, DecisionExplain, DecisionList, InvokeOutput, MatchCandidates } from '../../../app/contract';
import { accountCostInput, accountsOfFacts } from '../../../app/cost';
import type { SeededHostInfo } from '../fixtures';
import { expect, ROOT, test } from '../fixtures';

const shot = (page: Page, name: string) => page.screenshot({ path: join(ROOT, 'artifacts/screens', `${name}.png`) });

function api(request: APIRequestContext, host: SeededHostInfo) {
  return async <T>(channel: string, data: unknown = {}): Promise<T> => {
    const res = await request.post(`${host.origin}/api/invoke/${channel}`, { headers: { Authorization: `Bearer ${host.token}` }, data });
    expect(res.ok(), await res.text()).toBe(true);
    return ((await res.json()) as { value: T }).value;
  };
}

async function openReview(page: Page, host: SeededHostInfo) {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
  await expect(page.locator('.queue-row').first()).toBeVisible();
}

const row = (page: Page, aceId: string) => page.locator(`.queue-row[data-ace="${aceId}"]`);

test('the seeded host serves the decisions the demo pipeline made', async ({ seededHost, request }) => {
  const { seed } = seededHost;
  expect(seed.scale).toBe('tiny');
  expect(seededHost.warehouse).toBe('ok');
  const decided = seed.decide.autoApprove + seed.decide.needsReview + seed.decide.autoReject;
  expect(decided).toBeGreaterThan(0);
  expect(seed.match.matched).toBeGreaterThan(0);
  const invoke = api(request, seededHost);
  const rules = await invoke<{ tenant: string; ruleSetHash: string | null }>('rules:active');
  expect(rules.tenant).toBe(seed.decide.tenant);
  expect(rules.ruleSetHash).not.toBeNull();
  const list = await invoke<DecisionList>('decision:list', { limit: 5000 });
  expect(list.tenant).toBe(seed.decide.tenant);
  expect(list.total).toBe(decided);
});

test('keyboard round trip: j/k move, a approves and moves on, u undoes, r rejects with a typed reason; a reload keeps it', async ({ page, seededHost, request }) => {
  const invoke = api(request, seededHost);
  const list = await invoke<DecisionList>('decision:list', { limit: 5000, state: 'needs_review' });
  expect(list.items.length).toBeGreaterThanOrEqual(3);
  const [first, second, third] = list.items.map((i) => i.aceId).sort();
  if (!first || !second || !third) throw new Error('three opportunities to review');

  await openReview(page, seededHost);
  // needs review first, in ACE id order, the first one selected and shown
  await expect(page.locator('.queue-row').first()).toHaveAttribute('data-ace', first);
  await expect(page.getByTestId('detail-id')).toHaveText(first);
  await expect(page.getByTestId('rule-results').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('waterfall').or(page.getByTestId('candidates').getByText('No candidate'))).toBeVisible();
  await shot(page, 'review');

  await page.keyboard.press('j');
  await expect(page.getByTestId('detail-id')).toHaveText(second);
  await page.keyboard.press('k');
  await expect(page.getByTestId('detail-id')).toHaveText(first);

  await page.keyboard.press('a');
  await expect(row(page, first)).toHaveAttribute('data-state', 'approved');
  await expect(page.getByTestId('detail-id')).toHaveText(second);
  await expect(page.getByTestId('flash')).toContainText(`${first} approved`);

  await page.keyboard.press('u');
  await expect(page.getByTestId('detail-id')).toHaveText(first);
  await expect(row(page, first)).toHaveAttribute('data-state', 'needs_review');
  await expect(page.getByTestId('flash')).toContainText(`Undid approve of ${first}`);

  await page.keyboard.press('a');
  await expect(row(page, first)).toHaveAttribute('data-state', 'approved');
  await expect(page.getByTestId('detail-id')).toHaveText(second);

  await page.keyboard.press('e');
  await expect(page.getByTestId('reason')).toBeFocused();
  await page.keyboard.type('Customer is a reseller, not the end user');
  await page.keyboard.press('Enter');
  await page.keyboard.press('r');
  await expect(row(page, second)).toHaveAttribute('data-state', 'rejected');
  await expect(page.getByTestId('detail-id')).toHaveText(third);
  await expect(page.getByTestId('flash')).toContainText('Customer is a reseller');

  // what the warehouse holds: approve, reopen (the undo), approve with the default reason; the typed reject
  const one = await invoke<DecisionExplain>('decision:explain', { aceId: first });
  expect(one.state).toBe('approved');
  expect(one.events.map((e) => [e.action, e.reason])).toEqual([
    ['approve', 'Match and rules checked'],
    ['reopen', 'Undo of approve'],
    ['approve', 'Match and rules checked'],
  ]);
  const two = await invoke<DecisionExplain>('decision:explain', { aceId: second });
  expect(two.events.map((e) => [e.action, e.reason])).toEqual([['reject', 'Customer is a reseller, not the end user']]);

  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
  // decided items leave the needs-review group after a reload
  await expect(page.locator('.queue-row').first()).toHaveAttribute('data-ace', third);
  await page.getByRole('tab', { name: /^Approved/ }).click();
  await expect(row(page, first)).toHaveAttribute('data-state', 'approved');
  await page.getByRole('tab', { name: /^Rejected/ }).click();
  await expect(row(page, second)).toHaveAttribute('data-state', 'rejected');
  await page.getByRole('tab', { name: /^All/ }).click();

  await page.keyboard.press('/');
  await expect(page.getByLabel('Search the queue')).toBeFocused();
  await page.keyboard.type(second.toLowerCase());
  await expect(page.locator('.queue-row')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-id')).toHaveText(second);
  await expect(page.getByTestId('trail')).toContainText('Rejected');
});

test('filters by decision, score band, stage and owner agree with the host', async ({ page, seededHost, request }) => {
  const invoke = api(request, seededHost);
  await openReview(page, seededHost);
  const all = await invoke<DecisionList>('decision:list', { limit: 5000 });
  await expect(page.getByTestId('queue-count')).toHaveText(`${all.total} of ${all.total}`);

  await page.getByRole('tab', { name: /^Auto-rejected/ }).click();
  const rejected = await invoke<DecisionList>('decision:list', { limit: 5000, state: 'auto_reject' });
  await expect(page.getByTestId('queue-count')).toHaveText(`${rejected.total} of ${all.total}`);
  await page.getByRole('tab', { name: /^All/ }).click();

  for (const band of ['high', 'none'] as const) {
    const expected = await invoke<DecisionList>('decision:list', { limit: 5000, band });
    await page.getByLabel('Score band').selectOption(band);
    await expect(page.getByTestId('queue-count')).toHaveText(`${expected.total} of ${all.total}`);
    if (band === 'none' && expected.total > 0) await expect(page.locator('.queue-row').first().locator('[role=gridcell]').nth(4)).toHaveText('—');
  }
  await page.getByLabel('Score band').selectOption('');

  const stage = all.items.find((i) => i.stage)?.stage;
  const owner = all.items.find((i) => i.owner)?.owner;
  if (!stage || !owner) throw new Error('the tiny demo has stages and owners');
  await page.getByLabel('Stage').selectOption(stage);
  await page.getByLabel('Owner').selectOption(owner);
  const both = await invoke<DecisionList>('decision:list', { limit: 5000, stage, owner });
  await expect(page.getByTestId('queue-count')).toHaveText(`${both.total} of ${all.total}`);
  for (const id of both.items.map((i) => i.aceId)) await expect(row(page, id)).toBeVisible();
});

test('choosing another candidate records the analyst match; the rule panel shows every rule with its facts', async ({ page, seededHost, request }) => {
  const invoke = api(request, seededHost);
  const list = await invoke<DecisionList>('decision:list', { limit: 5000 });
  let target: MatchCandidates | null = null;
  for (const i of list.items) {
    const c = await invoke<MatchCandidates>('match:candidates', { aceId: i.aceId });
    if (c.candidates.length >= 2 && c.assignment?.decidedBy !== 'analyst') {
      target = c;
      break;
    }
  }
  if (!target) throw new Error('the tiny demo has an ACE opportunity with two candidates');
  const other = target.candidates.find((c) => !c.assigned);
  if (!other) throw new Error('a candidate that is not the current match');

  await openReview(page, seededHost);
  await page.keyboard.press('/');
  await page.keyboard.type(target.aceId);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-id')).toHaveText(target.aceId);
  await expect(page.getByTestId('semantic-off')).toBeVisible();

  // the rule panel: one entry per rule, with the status the host computed
  const explain = await invoke<DecisionExplain>('decision:explain', { aceId: target.aceId });
  const rules = page.getByTestId('rule-results').locator('li');
  await expect(rules).toHaveCount(explain.rules.length);
  for (const r of explain.rules) await expect(page.locator(`.rule[data-rule="${r.id}"]`)).toHaveAttribute('data-status', r.status);
  const withFacts = explain.rules.find((r) => Object.keys(r.facts).length > 0);
  if (withFacts) await expect(page.locator(`.rule[data-rule="${withFacts.id}"] .rule-facts`)).toContainText(Object.keys(withFacts.facts)[0] ?? '');

  // the side-by-side and the waterfall follow the candidate clicked
  const candidateRow = page.locator(`.cand[data-odoo="${other.odooId}"]`);
  await candidateRow.click();
  await expect(page.getByTestId('compare-table').locator('thead')).toContainText(`Odoo #${other.odooId}`);
  await expect(page.getByTestId('waterfall')).toBeVisible();
  // the lower half of the detail: the signals and the rules
  await page.locator('.signals').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'review-detail');

  await candidateRow.getByRole('button', { name: 'Use as match' }).click();
  await page.getByLabel('Reason for the match choice').fill('Same customer, the renewal deal');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('flash')).toContainText(`matched to Odoo #${other.odooId}`);
  await expect(candidateRow).toContainText('current');
  await expect(page.getByTestId('trail')).toContainText(`Match → Odoo #${other.odooId}`);

  const after = await invoke<MatchCandidates>('match:candidates', { aceId: target.aceId });
  expect(after.assignment).toMatchObject({ status: 'matched', decidedBy: 'analyst', odooIds: [other.odooId] });
  expect(after.decisions[0]).toMatchObject({ decision: 'accept', odooId: other.odooId, note: 'Same customer, the renewal deal', superseded: false });
});

test('Export XLSX writes the workbook of the queue shown (its decision filter) and says where', async ({ page, seededHost, request }) => {
  const invoke = api(request, seededHost);
  await openReview(page, seededHost);
  await page.getByRole('tab', { name: /^Auto-rejected/ }).click();
  const rejected = await invoke<DecisionList>('decision:list', { limit: 5000, state: 'auto_reject' });
  await page.getByTestId('export-decisions').getByRole('button', { name: 'Export XLSX' }).click();
  const note = page.getByTestId('export-decisions-note');
  await expect(note).toContainText(`${rejected.total} decisions saved to`);
  const path = (await note.locator('code').textContent()) ?? '';
  expect(path.startsWith(join(seededHost.dataDir, 'exports'))).toBe(true);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  expect(book.worksheets.map((w) => w.name)).toEqual(['Decisions', 'Evidence', 'Rules', 'Cost']);
  // header + one row per decision in the filter
  expect(book.getWorksheet('Decisions')?.actualRowCount).toBe(rejected.total + 1);
});

test('the detail links to the cost of its AWS account: the cost screen opens on just it, with the default preset', async ({ page, seededHost, request }) => {
  const invoke = api(request, seededHost);
  const list = await invoke<DecisionList>('decision:list', { state: 'needs_review', limit: 5000 });
  let target: { aceId: string; account: string } | null = null;
  for (const i of list.items) {
    const account = accountsOfFacts((await invoke<DecisionExplain>('decision:explain', { aceId: i.aceId })).facts)[0];
    if (account) {
      target = { aceId: i.aceId, account };
      break;
    }
  }
  if (!target) throw new Error('the tiny demo has an opportunity under review with an AWS account');
  const accounts = await invoke<InvokeOutput<'cost:accounts'>>('cost:accounts');
  // the request the screen makes is the one the offline copy prefetches (main/services/offline/cost-prefetch.ts)
  const view = await invoke<CostQueryOutput>('cost:query', accountCostInput(target.account, accounts.lastMonth ?? ''));

  await openReview(page, seededHost);
  await page.keyboard.press('/');
  await page.keyboard.type(target.aceId);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-id')).toHaveText(target.aceId);
  await page.getByTestId('cost-links').scrollIntoViewIfNeeded();
  await shot(page, 'review-cost-link');
  await page.getByTestId('cost-links').getByRole('link', { name: `Cost of ${target.account}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cost Explorer' })).toBeVisible();
  expect(page.url()).toContain(`#/cost?account=${target.account}`);
  const usd0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  await expect(page.getByTestId('kpi-cost')).toHaveText(usd0.format(view.totals.cost));
  await expect(page.getByTestId('kpi-invoiced')).toHaveText(usd0.format(view.totals.invoiced));
});
