import { pathToFileURL } from 'node:url';

let standIn;
export function initialize(data) {
  standIn = pathToFileURL(data.standIn).href;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: standIn, format: 'commonjs', shortCircuit: true };
  return next(specifier, context);
}
