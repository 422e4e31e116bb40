#!/usr/bin/env node
// `warroom` in a clone: runs the TypeScript CLI through tsx, so what runs is always what is checked in.
// (Installed copies run the bundle in packages/cli/dist instead: `npm run build:cli`.)
import { register } from 'tsx/esm/api';

register();
await import('../main/cli-main.ts');
