/** The app's screens, in navigation order. Routes are URL fragments (`#/review`) so reload and back work. */
export type ScreenId = 'dashboard' | 'sync' | 'review' | 'cost' | 'rules' | 'settings';

export type Screen = { id: ScreenId; label: string; title: string };

export const SCREENS: readonly Screen[] = [
  { id: 'dashboard', label: 'Dashboard', title: 'Dashboard' },
  { id: 'sync', label: 'Sync', title: 'Sync' },
  { id: 'review', label: 'Review', title: 'Review' },
  { id: 'cost', label: 'Cost Explorer', title: 'Cost Explorer' },
  { id: 'rules', label: 'Rules', title: 'Rules' },
  { id: 'settings', label: 'Settings', title: 'Settings' },
];

export const DEFAULT_SCREEN: ScreenId = 'dashboard';

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return SCREENS.find((s) => s.id === id)?.id ?? DEFAULT_SCREEN;
}

export const hrefOf = (id: ScreenId): string => `#/${id}`;
