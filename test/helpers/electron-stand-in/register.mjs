// `node --import ./register.mjs app.js`: every `electron` import or require gets the stand-in instead.
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const standIn = fileURLToPath(new URL('./electron.cjs', import.meta.url));
register(new URL('./hooks.mjs', import.meta.url), { data: { standIn } });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? standIn : resolve.call(this, request, ...rest);
};
