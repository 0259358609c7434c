import { create } from 'zustand';
import type { ScreenId } from './screens';
import { screenFromHash } from './screens';

type NavigationState = { screen: ScreenId };

/** Follows `location.hash`; links (`<a href="#/sync">`) do the navigating, so the browser's back button works. */
export const useNavigation = create<NavigationState>(() => ({ screen: screenFromHash(window.location.hash) }));

export function followLocationHash(): () => void {
  const update = () => useNavigation.setState({ screen: screenFromHash(window.location.hash) });
  update();
  window.addEventListener('hashchange', update);
  return () => window.removeEventListener('hashchange', update);
}
