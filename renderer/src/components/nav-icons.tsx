import type { ScreenId } from '../navigation/screens';

// 16px line icons drawn here (a whole icon library for six glyphs is not worth the bundle).
const PATHS: Record<ScreenId, string> = {
  dashboard: 'M2 2h5v6H2zM9 2h5v3H9zM9 7h5v7H9zM2 10h5v4H2z',
  sync: 'M13 6a5 5 0 0 0-9.3-1.5M3 2v3h3M3 10a5 5 0 0 0 9.3 1.5M13 14v-3h-3',
  review: 'M2 3h12M2 7h8M2 11h6M11 10l1.5 1.5L15 9',
  cost: 'M2 14V2M2 14h12M5 11V8M8 11V5M11 11V7',
  rules: 'M4 2h8v12H4zM6 5h4M6 8h4M6 11h2',
  settings: 'M8 5.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 0 0 0-5zM8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6L13 13M3 13l1.4-1.4M11.6 4.4L13 3',
};

export function NavIcon({ id }: { id: ScreenId }) {
  return (
    <svg className="nav-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[id]} fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
