import { readFileSync } from 'node:fs';

/** Set by the bundlers (scripts/build-cli.mjs, scripts/build.mjs) from package.json; absent when run from source. */
declare const __WARROOM_VERSION__: string | undefined;

/** This build's version: `warroom --version`, the hub's build_info metric. */
export const VERSION: string =
  typeof __WARROOM_VERSION__ === 'string'
    ? __WARROOM_VERSION__
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
