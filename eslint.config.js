import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

// Folder boundaries (docs/ARCHITECTURE.md) are enforced here, not just described.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'url'];

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
  {
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '../../main/*', '**/renderer/**'],
              message: 'src/ is shared and pure: it imports nothing from main/ or renderer/.',
            },
            { group: ['electron', 'electron-store', ...nodeBuiltins], message: 'src/ runs everywhere: no electron, no node built-ins.' },
          ],
        },
      ],
    },
  },
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
  // Formatting is Prettier's (npm run format; lint runs prettier --check): no style rule here may fight it.
  prettier,
);
