#!/usr/bin/env node
// `npx revops …`: runs the TypeScript CLI through tsx's loader (the same sources the tests use).
import { register } from 'tsx/esm/api';

register();
await import('../main/cli.ts');
