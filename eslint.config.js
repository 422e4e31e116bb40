import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

// Folder boundaries (docs/ARCHITECTURE.md) are enforced here, not just described.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'url'];

// src/ has an inner order (docs/ARCHITECTURE.md): each layer imports only the ones below it.
//   model  <  text tools  <  kinds  <  incident  <  export  <  comms  <  ipc        (sync: above kinds, below ipc)
// The text tools are the parts of comms/ that know nothing of incidents: the linter, draft text (Yjs), the
// fingerprint, the acknowledgement policy. The kinds' rules lint a draft's text, so they sit below the kinds.
const srcIsPure = [
  {
    group: ['**/main/**', '../../main/*', '**/renderer/**'],
    message: 'src/ is shared and pure: it imports nothing from main/ or renderer/.',
  },
  { group: ['electron', 'electron-store', ...nodeBuiltins], message: 'src/ runs everywhere: no electron, no node built-ins.' },
];
const TEXT_TOOL_FILES = ['draft-text.js', 'digest.js', 'base64.js', 'review-policy.js'];
/** From outside comms/: every file of comms/ but the text tools (the linter's folder is one of them). */
const COMMS_BUT_TEXT_TOOLS = ['**/comms/*.js', ...TEXT_TOOL_FILES.map((f) => `!**/comms/${f}`)];
const ABOVE_TEXT_TOOLS = ['**/kinds/**', '**/incident/**', '**/export/**', '**/sync/**', '**/ipc/**'];
const layer = (files, forbidden, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [...srcIsPure, { group: forbidden, message }] }] },
});
const srcLayers = [
  layer(['src/**'], ['**/ipc/**'], 'Only src/ipc/ (the top layer) imports src/ipc/.'),
  layer(['src/comms/*.ts'], ['**/ipc/**', '**/sync/**'], 'src/comms/ sits above src/export/: not sync or ipc.'),
  layer(['src/model/**'], ['../*', '!../model/**'], 'src/model/ is the ground layer: it imports nothing else from src/.'),
  layer(
    TEXT_TOOL_FILES.map((f) => `src/comms/${f.replace(/\.js$/, '.ts')}`),
    [...ABOVE_TEXT_TOOLS, './*.js', ...TEXT_TOOL_FILES.map((f) => `!./${f}`)],
    'The text tools (linter, draft text, fingerprint) sit just above src/model/: they know nothing of kinds or incidents.',
  ),
  layer(
    ['src/comms/linter/**'],
    [...ABOVE_TEXT_TOOLS, '../*.js'],
    'The linter sits just above src/model/: it knows nothing of kinds or incidents.',
  ),
  layer(
    ['src/kinds/**'],
    ['**/incident/**', '**/export/**', '**/sync/**', '**/ipc/**', ...COMMS_BUT_TEXT_TOOLS],
    'src/kinds/ sits above src/model/ and the text tools only (see eslint.config.js).',
  ),
  layer(
    ['src/incident/**'],
    ['**/export/**', '**/sync/**', '**/ipc/**', ...COMMS_BUT_TEXT_TOOLS],
    'src/incident/ sits above src/kinds/: not export, comms, sync or ipc.',
  ),
  layer(
    ['src/export/**'],
    ['**/sync/**', '**/ipc/**', ...COMMS_BUT_TEXT_TOOLS],
    'src/export/ sits above src/incident/: not comms, sync or ipc.',
  ),
  layer(
    ['src/sync/**'],
    ['**/incident/**', '**/export/**', '**/comms/**', '**/ipc/**'],
    'src/sync/ (the wire) sits above src/kinds/ only.',
  ),
];

export default tseslint.config(
  { ignores: ['dist/**', 'packages/cli/dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    files: ['scripts/**', 'bin/**', '*.js', '*.mjs', 'test/helpers/electron-stand-in/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['*.cjs', 'scripts/*.cjs', 'packaging/**/*.cjs', 'test/helpers/electron-stand-in/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...srcLayers,
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**'], message: 'The renderer talks to main only through renderer/state/bridge.ts.' },
            {
              group: ['electron', 'electron-store', 'socket.io', ...nodeBuiltins],
              message: 'The renderer is sandboxed: no electron or node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**'],
    ignores: ['main/index.ts', 'main/preload.ts', 'main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron-store'],
              message:
                'electron is imported only in main/index.ts, main/preload.ts and main/electron/: keep services testable in plain Node.',
            },
            { group: ['**/renderer/**'], message: 'main/ does not import the renderer.' },
          ],
        },
      ],
    },
  },
  {
    // IPC sits on top: app logic, sync, services, the hub and the CLI run without a window and never reach up into it.
    files: ['main/app/**', 'main/sync/**', 'main/services/**', 'main/hub/**', 'main/cli/**', 'main/cli.ts', 'main/cli-main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron-store'],
              message:
                'electron is imported only in main/index.ts, main/preload.ts and main/electron/: keep services testable in plain Node.',
            },
            { group: ['**/renderer/**'], message: 'main/ does not import the renderer.' },
            {
              group: ['**/ipc/**', '!**/src/ipc/**'],
              message: 'main/ipc/ is the IPC layer on top of the app; app logic, sync, services, hub and CLI do not import it.',
            },
          ],
        },
      ],
    },
  },
  {
    // No import circles anywhere (runtime imports; scripts/import-cycles.mjs, also run by lint, counts types too).
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    plugins: { 'import-x': importX },
    settings: {
      // Imported files are parsed too (to follow the graph): TypeScript by its own parser.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.json', 'tsconfig.renderer.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // No function over 80 lines, counting every line of its body (blank lines and comments too).
    files: ['src/**/*.ts', 'main/**/*.ts', 'web/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }] },
  },
  // Formatting is Prettier's (npm run format; lint runs prettier --check): no style rule here may fight it.
  prettier,
);
