/**
 * The desktop window's Content-Security-Policy. Stricter than the headless host's: the renderer talks to
 * main only over IPC, so it needs no network at all (connect-src 'none' outside development).
 */
export function desktopCsp(devServerUrl: string | undefined): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  return [
    "default-src 'none'",
    // Development only: Vite's dev server serves its client from its origin and React refresh adds an
    // inline preamble. The built app (app://) gets no inline script and no foreign origin.
    `script-src 'self'${dev ? ` ${dev.origin} 'unsafe-inline'` : ''}`,
    `style-src 'self'${dev ? ` ${dev.origin} 'unsafe-inline'` : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    dev ? `connect-src ${dev.origin} ws://${dev.host}` : "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
