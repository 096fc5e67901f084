import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/out/**', 'web/dist/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', setImmediate: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // bin/ is CommonJS (see bin/dataforge.js: it sizes the thread pool before any ES module loads).
  {
    files: ['bin/**'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The rooms' dependency rules (DEVELOPERS.md): las <- workspace <- sync/server/compute <- cli/web.
  ...roomRules([
    { files: ['src/las/**'], banned: ['node:*', '../*'], why: 'src/las is pure (it also runs in the browser): no Node APIs, nothing from other rooms' },
    { files: ['src/units/**', 'src/dictionary/**'], banned: ['../workspace/*', '../query/*', '../sync/*', '../server/*', '../cli/*'], why: 'units and dictionary are reference data under the workspace' },
    { files: ['src/workspace/**', 'src/query/**'], banned: ['../sync/*', '../server/*', '../cli/*'], why: 'the workspace knows nothing of sync, the server or the CLI' },
    { files: ['src/sync/**'], banned: ['../server/*', '../cli/*'], why: 'the sync client shares only the protocol with the server' },
    { files: ['src/server/**'], banned: ['**/cli/*'], why: 'nothing imports the CLI' },
  ]),
);

function roomRules(rooms) {
  return rooms.map(({ files, banned, why }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: banned, message: why }] }] },
  }));
}
