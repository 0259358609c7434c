import { describe, expect, it } from 'vitest';
import type { MatchContribution } from '../contract/match';
import { waterfallChart, waterfallSteps } from './waterfall';

const c = (id: string, stage: MatchContribution['stage'], level: string | null, bits: number): MatchContribution => ({ id, label: id, stage, level, bits });
const CONTRIBUTIONS = [c('prior', 'prior', null, 0.27), c('name', 'company', 'one_edit', 1.25), c('domain', 'company', 'different', -12.28), c('xref', 'company', null, 0), c('country', 'company', 'same', 0.005), c('created', 'deal', 'within_1y', -8.39)];

describe('waterfall', () => {
  it('chains each signal from where the previous ended and ends on the total weight', () => {
    const { steps, omitted, total } = waterfallSteps(CONTRIBUTIONS);
    expect(steps.map((s) => s.id)).toEqual(['prior', 'name', 'domain', 'created', 'total']);
    expect(omitted).toBe(2);
    expect(total).toBeCloseTo(0.27 + 1.25 - 12.28 + 0.005 - 8.39, 6);
    for (let i = 1; i < steps.length - 1; i++) expect(steps[i]?.start).toBeCloseTo(steps[i - 1]?.end ?? NaN, 9);
    expect(steps.at(-1)).toMatchObject({ stage: 'total', start: 0 });
    expect(steps.at(-1)?.end).toBeCloseTo(total, 9);
  });

  it('draws bars from the lower end with lengths equal to the bits, total last at the top of the list', () => {
    const option = waterfallChart(CONTRIBUTIONS) as { yAxis: { data: string[] }; series: [{ data: number[] }, { data: { value: number }[] }] };
    expect(option.yAxis.data[0]).toBe('Match weight');
    expect(option.yAxis.data.at(-1)).toBe('prior');
    expect(option.yAxis.data).toContain('domain · different');
    const [base, bars] = option.series;
    const domain = option.yAxis.data.indexOf('domain · different');
    expect(bars.data[domain]?.value).toBeCloseTo(12.28, 6);
    expect(base.data[domain]).toBeCloseTo(0.27 + 1.25 - 12.28, 6);
  });
});
