import { describe, expect, it } from 'vitest';
import { addMonths, daysInMonth, historyMonths, monthDiff, monthEnd, monthLabel, timestamp } from './calendar';

describe('calendar', () => {
  it('lists the history months ending with the as-of month', () => {
    const months = historyMonths('2026-06-30', 36);
    expect(months).toHaveLength(36);
    expect(months[0]).toBe('2023-07-01');
    expect(months[35]).toBe('2026-06-01');
  });

  it('does month arithmetic across years and leap years', () => {
    expect(addMonths('2025-11-01', 3)).toBe('2026-02-01');
    expect(addMonths('2025-01-01', -1)).toBe('2024-12-01');
    expect(daysInMonth('2024-02-01')).toBe(29);
    expect(monthEnd('2025-02-01')).toBe('2025-02-28');
    expect(monthDiff('2023-07-01', '2026-06-01')).toBe(35);
    expect(monthLabel('2025-03-01')).toBe('March 2025');
  });

  it('renders Odoo timestamps without zone', () => {
    expect(timestamp('2025-03-02', 3661)).toBe('2025-03-02 01:01:01');
  });
});
