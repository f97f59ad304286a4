// Lint: type-aware promise rules and the dependency direction (STYLE.md G2):
// parsers/ is pure, models/ knows PostgreSQL but not HTTP, server/ wires everything.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'uploads/**',
      'coverage/**',
      'models/migrations/**',
      'server/web/public/vendor/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // Untrusted PDFs are parsed only in the sandbox process (issue 12): pdf-parse is opened in one
    // module, and that module is used only by the sandbox's tasks. A separate rule name, so that the
    // folder rules below (no-restricted-imports) do not replace it.
    files: ['server/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    ignores: ['server/extract/pdf-document.ts', 'server/extract/pdf-sandbox/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'pdf-parse',
              message: 'Open PDFs through server/extract/pdf-document.ts, inside the PDF sandbox only.',
            },
          ],
          patterns: [
            {
              group: ['**/extract/pdf-document', './pdf-document'],
              allowTypeImports: true,
              message: 'Untrusted PDFs are read in the sandbox process: use server/extract/pdf-sandbox.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['parsers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/models/**', 'express', 'pg', 'drizzle-orm', 'node:fs', 'fs'],
              message: 'parsers/ is pure: text in, fields out (no I/O, no HTTP, no DB).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', 'express'], message: 'models/ knows PostgreSQL but not HTTP.' },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point down: routes → use-cases → review/notice/verify/sampling/presenters → models.
    files: [
      'server/review/**/*.ts',
      'server/notice/**/*.ts',
      'server/verify/**/*.ts',
      'server/sampling/**/*.ts',
      'server/presenters/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/use-cases/**', '**/routes/**'],
              message: 'Dependencies point down: use cases call this folder, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    // A later block for the same files replaces the one above for them, so each lists all it forbids.
    files: ['server/pipeline/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/use-cases/**', '**/routes/**', '**/http/**', 'express'],
              message:
                'pipeline/ reads documents; storing and verifying are the use case’s (use-cases/documents/process-document.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/models/**'],
              message:
                'Routes call use cases (server/use-cases/), which read and write through the repositories.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/routes/**', '**/http/**', '**/middleware/**', 'express'],
              message: 'use-cases/ know nothing of HTTP: routes call them, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/verify/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/models/**',
                '**/use-cases/**',
                '**/routes/**',
                '**/http/**',
                'express',
                'pg',
                'drizzle-orm',
              ],
              message:
                'verify/ is the engine: facts in, findings out; loading and storing are the use cases’.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: false },
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
  },
  {
    // Web pages: plain ES modules run by the browser (no build step).
    files: ['server/web/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      parserOptions: { projectService: false, project: false },
      globals: Object.fromEntries(
        [
          ...['window', 'document', 'location', 'history', 'localStorage', 'navigator', 'console', 'fetch'],
          ...['FormData', 'URL', 'URLSearchParams', 'XMLHttpRequest', 'CustomEvent', 'Node', 'Blob', 'File'],
          ...[
            'setTimeout',
            'clearTimeout',
            'setInterval',
            'clearInterval',
            'requestAnimationFrame',
            'HTMLElement',
            'crypto',
          ],
        ].map((g) => [g, 'readonly']),
      ),
    },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
