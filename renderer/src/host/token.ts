/**
 * The headless host's API token arrives in the URL fragment (`#token=…`). We move it to sessionStorage
 * and drop it from the address bar, so it survives reloads and in-app navigation (which uses the
 * fragment for routes) and is not copied along with a screen URL.
 */
const KEY = 'revops.token';

export function takeToken(location: Location, history: History, storage: Storage): string | null {
  const match = /^#token=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(KEY, match[1]);
    history.replaceState(null, '', `${location.pathname}${location.search}#/dashboard`);
    return match[1];
  }
  return storage.getItem(KEY);
}
