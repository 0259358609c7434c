#!/usr/bin/env node
// Copies the README's screenshots from what the Playwright specs wrote (artifacts/screens, git-ignored)
// into docs/screens (committed), so the README shows the screens as the tests last saw them.
//
//   npm run test:e2e && npm run screens
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const from = join(root, 'artifacts/screens');
const to = join(root, 'docs/screens');
// Keep in step with the README's "What it does" gallery.
const SCREENS = ['dashboard', 'sync-and-match', 'review-detail', 'rules', 'cost-product', 'settings', 'offline'];

mkdirSync(to, { recursive: true });
const missing = SCREENS.filter((name) => !existsSync(join(from, `${name}.png`)));
if (missing.length > 0) {
  console.error(`missing in artifacts/screens: ${missing.join(', ')} — run npm run test:e2e first`);
  process.exit(1);
}
for (const name of SCREENS) copyFileSync(join(from, `${name}.png`), join(to, `${name}.png`));
console.log(`copied ${SCREENS.length} screenshots to docs/screens`);
