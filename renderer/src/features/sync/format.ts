/** Numbers of the Sync screen, short and stable in width. */
const integer = new Intl.NumberFormat('en-US');

export const formatRows = (n: number): string => integer.format(n);

export function formatRate(rowsPerSecond: number | undefined): string {
  if (!rowsPerSecond) return '–';
  return rowsPerSecond >= 10_000 ? `${integer.format(Math.round(rowsPerSecond / 1000))}k/s` : `${integer.format(Math.round(rowsPerSecond))}/s`;
}

export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 1) return '<1 s';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** 0–1 for a bar; a finished table is full even when its total was never known. */
export function fractionOf(p: { phase: string; rowsDone: number; rowsTotal: number | null }): number {
  if (p.phase === 'done' || p.phase === 'merging') return 1;
  if (!p.rowsTotal) return p.rowsDone > 0 ? 0.5 : 0;
  return Math.min(1, p.rowsDone / p.rowsTotal);
}
