import { describe, expect, it } from 'vitest';
import { desktopCsp } from './csp';

describe('desktop CSP', () => {
  it('the built app allows no inline script, no foreign origin and no network', () => {
    const csp = desktopCsp(undefined);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('development opens exactly the dev server origin', () => {
    const csp = desktopCsp('http://localhost:5173/');
    expect(csp).toContain("script-src 'self' http://localhost:5173 'unsafe-inline'");
    expect(csp).toContain('connect-src http://localhost:5173 ws://localhost:5173');
  });
});
