#!/usr/bin/env node
// Compares two package-lock.json files and fails when they disagree on anything but optional packages.
//
// Why: the npm registry reachable from build machines serves some optional platform packages on some days
// and not on others (e.g. @rollup/rollup-darwin-x64), so `npm install` may add or drop their lock entries.
// Those entries never install on Linux anyway; every other difference means package.json and the committed
// lock disagree, which is what `npm ci` would refuse.
//
//   node scripts/check-lock.mjs <before.json> <after.json>
import { readFileSync } from 'node:fs';

const [beforePath, afterPath] = process.argv.slice(2);
if (!beforePath || !afterPath) {
  console.error('usage: node scripts/check-lock.mjs <before.json> <after.json>');
  process.exit(2);
}
const load = (path) => JSON.parse(readFileSync(path, 'utf8')).packages ?? {};
const before = load(beforePath);
const after = load(afterPath);

const problems = [];
for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
  const a = before[key];
  const b = after[key];
  if (a && b) {
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`changed: ${key || '(root)'}`);
  } else if (!(a ?? b).optional) {
    problems.push(`${a ? 'removed' : 'added'}: ${key}`);
  }
}
if (problems.length > 0) {
  console.error(`package-lock.json disagrees with package.json (${problems.length} entries):`);
  for (const line of problems.slice(0, 20)) console.error(`  ${line}`);
  process.exit(1);
}
