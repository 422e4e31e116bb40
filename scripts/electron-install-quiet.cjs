// Preloaded into Electron's own install.js by `npm start` (scripts/start.mjs). Electron downloads its binary
// there the way it always does (@electron/get, ELECTRON_MIRROR, the cache, checksums) and shows its own progress
// bar on the terminal; only its failure report, a stack trace on console.error, goes to file descriptor 3
// instead, so start.mjs can say in one line what failed and how to fix it.
'use strict';
const { writeSync } = require('node:fs');
const { format } = require('node:util');

console.error = (...args) => {
  try {
    writeSync(3, format(...args) + '\n');
  } catch {
    // No fd 3 (run by hand): say it where it would have gone.
    process.stderr.write(format(...args) + '\n');
  }
};

// fetch's own error says only "fetch failed"; the reason (refused, no such host, TLS) is in its cause.
const fetchOriginal = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  try {
    return await fetchOriginal(input, init);
  } catch (e) {
    const why = e?.cause?.code ?? e?.cause?.message;
    throw new Error(`${e?.message ?? String(e)}${why ? ` (${why})` : ''} for ${String(input)}`, { cause: e });
  }
};
