// ESLint (flat config). A deliberately small rule set: typescript-eslint only parses TS/TSX here; the rules are
// security and architecture guards, not style.
// - No HTML sinks: data must never reach innerHTML/outerHTML/insertAdjacentHTML/setHTML/dangerouslySetInnerHTML/
//   document.write (build DOM with React or setDOMContent).
// - Import zones: src/client never imports src/server, src/server never imports src/client; both may import src/shared.
import tseslint from 'typescript-eslint';

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
    { selector: "Property[key.name=/^(innerHTML|outerHTML)$/]", message: HTML_SINK_MESSAGE },
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
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: noHtmlSinks,
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [importsOf('server')] }] },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [importsOf('client')] }] },
  },
);
