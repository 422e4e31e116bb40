#!/usr/bin/env node
// `warroom` in a clone: runs the TypeScript CLI through tsx, so what runs is always what is checked in.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli-main.ts');
