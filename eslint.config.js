// ESLint (flat config). The standard sets: typescript-eslint recommended on all TS files, react-hooks recommended on
// the client (and component tests), eslint-config-prettier last so no stylistic rule fights Prettier (.prettierrc.json).
// On top of these, security and architecture guards:
// - No HTML sinks: data must never reach innerHTML/outerHTML/insertAdjacentHTML/setHTML/dangerouslySetInnerHTML/
//   document.write (build DOM with React or setDOMContent).
// - Import zones: src/client never imports src/server, src/server never imports src/client; both may import src/shared.
// - Client layers (import-x/no-restricted-paths, resolved through tsconfig): a feature never imports another feature
//   (one zone per folder of src/client/features, read from disk so a new feature is covered); only app/ (and
//   main.tsx) composes, so nothing else imports app/; components/, charts/, lib/, state/ and api/ import neither
//   features/ nor map/; lib/ imports no UI (components/, charts/). And no import cycles anywhere in src/ (import-x/no-cycle).
//   docs/architecture.md ("Client structure") describes the folders.
import fs from 'node:fs';
import path from 'node:path';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettierConfig from 'eslint-config-prettier/flat';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

const HTML_SINK_MESSAGE = 'Do not inject HTML: render with React / textContent / MapLibre setDOMContent instead (XSS).';

const noHtmlSinks = {
  'no-restricted-properties': [
    'error',
    { property: 'innerHTML', message: HTML_SINK_MESSAGE },
    { property: 'outerHTML', message: HTML_SINK_MESSAGE },
    { property: 'insertAdjacentHTML', message: HTML_SINK_MESSAGE },
    { property: 'setHTML', message: HTML_SINK_MESSAGE },
    { property: 'setHTMLUnsafe', message: HTML_SINK_MESSAGE },
    { object: 'document', property: 'write', message: HTML_SINK_MESSAGE },
    { object: 'document', property: 'writeln', message: HTML_SINK_MESSAGE },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: HTML_SINK_MESSAGE },
    { selector: "Property[key.name='dangerouslySetInnerHTML']", message: HTML_SINK_MESSAGE },
    { selector: 'Property[key.name=/^(innerHTML|outerHTML)$/]', message: HTML_SINK_MESSAGE },
  ],
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
};

/** Relative imports reaching into another top-level area of src/. */
const importsOf = (area) => ({
  regex: `^(\\.{1,2}/)+(.*/)?${area}(/.*)?$`,
  message: `src/${area === 'server' ? 'client' : 'server'} may not import src/${area}: share code through src/shared.`,
});

const CLIENT = 'src/client';
const FEATURES = fs
  .readdirSync(path.join(ROOT, CLIENT, 'features'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const under = (...dirs) => dirs.map((d) => `${CLIENT}/${d}`);

const clientZones = [
  ...FEATURES.map((name) => ({
    target: `${CLIENT}/features/${name}`,
    from: `${CLIENT}/features`,
    except: [`./${name}`],
    message: 'A feature may not import another feature: move what they share to components/, lib/, api/ or state/, and compose features in app/.',
  })),
  {
    target: under('features', 'components', 'charts', 'map', 'lib', 'state', 'api'),
    from: `${CLIENT}/app`,
    message: 'Only app/ (and main.tsx) composes the client: nothing else imports app/; pass what is needed in, or move it to state/ or lib/.',
  },
  {
    target: under('components', 'charts', 'lib', 'state', 'api'),
    from: under('features', 'map'),
    message: 'Shared client code (components/, charts/, lib/, state/, api/) may not import features/ or map/.',
  },
  {
    target: `${CLIENT}/map`,
    from: `${CLIENT}/features`,
    message: 'map/ may not import features/: a feature hands the map its layers (MapView overlay).',
  },
  {
    target: `${CLIENT}/lib`,
    from: under('components', 'charts'),
    message: 'lib/ holds no UI: it may not import components/ or charts/.',
  },
];

const SERVER = 'src/server';
/** The store seam (ADR 0020): nothing outside src/server/store (and the start-up code that opens it) names an engine. */
const serverZones = [
  {
    target: ['routes', 'access', 'analytics', 'import', 'lib'].map((d) => `${SERVER}/${d}`),
    from: [`${SERVER}/store/duckdb`, `${SERVER}/store/postgres`],
    message:
      'Only src/server/store/open-store.ts chooses an engine: depend on the Store interface (src/server/store/types.ts), not on store/duckdb or store/postgres.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'var/**', 'bench/out/**', 'public/**'] },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: noHtmlSinks,
  },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.{ts,tsx}'] })),
  {
    files: ['**/*.{ts,tsx}'],
    // Dropping a key by rest destructuring (`({ drop, ...rest }) => rest`) is the usual way to omit one.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    files: ['src/client/**/*.{ts,tsx}', 'tests/components/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [importsOf('server')] }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // import-x reads TypeScript files (for no-cycle) only with these two; the resolver follows tsconfig.json.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(ROOT, 'tsconfig.json') })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: [...clientZones, ...serverZones] }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [importsOf('client')] }] },
  },
  // Last: turns off every rule that would disagree with the formatter.
  prettierConfig,
);
