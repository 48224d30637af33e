/**
 * The layers of vos-audit, each with the layers it may import; anything else is a back-arrow. A folder always
 * imports itself. See the README's "Architecture".
 */
const mayImport = {
  bin: ['cli', 'io', 'util'],
  cli: ['report', 'engine', 'policy', 'scan', 'rules', 'fix', 'model', 'languages', 'syntax', 'io', 'catalog', 'util'],
  report: ['engine', 'policy', 'scan', 'rules', 'fix', 'model', 'languages', 'syntax', 'catalog', 'util'],
  engine: ['rules', 'fix', 'model', 'languages', 'syntax', 'catalog', 'util'],
  policy: ['model', 'syntax', 'catalog', 'util'],
  scan: ['model', 'syntax', 'catalog', 'util'],
  rules: ['fix', 'model', 'languages', 'syntax', 'catalog', 'util'],
  fix: ['model', 'languages', 'syntax', 'catalog', 'util'],
  model: ['languages', 'syntax', 'catalog', 'util'],
  languages: ['syntax', 'grammar', 'catalog', 'util'],
  syntax: ['grammar', 'util'],
  grammar: [],
  io: ['languages', 'syntax', 'util'],
  catalog: ['util'],
  util: [],
};

const path = (layer) => (layer === 'grammar' ? '^grammar/' : `^src/${layer}/`);
const layers = Object.keys(mayImport);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one; break it by moving what both need lower.',
      from: {},
      to: { circular: true },
    },
    ...layers.map((layer) => ({
      name: `layer-${layer}`,
      severity: 'error',
      comment: `${layer} may import only ${[layer, ...mayImport[layer]].join(', ')}`,
      from: { path: path(layer) },
      to: { path: layers.filter((other) => other !== layer && !mayImport[layer].includes(other)).map(path) },
    })),
    {
      name: 'no-loose-source',
      severity: 'error',
      comment: 'src/ holds folders; a file at its root belongs in one of them.',
      from: { path: '^src/[^/]+$' },
      to: {},
    },
    {
      name: 'rule-imports-rule',
      severity: 'error',
      comment: 'A rule never imports another rule: facts two rules share belong in model/, catalog/ or rules/support/.',
      from: { path: '^src/rules/', pathNot: '^src/rules/registry\\.ts$' },
      to: { path: '^src/rules/[^/]+\\.ts$', pathNot: '^src/rules/rule\\.ts$' },
    },
    {
      name: 'chevrotain-inside-grammar',
      severity: 'error',
      comment: 'chevrotain stays inside grammar/ and src/syntax/.',
      from: { pathNot: '^(grammar|src/syntax)/' },
      to: { path: '(^|/)chevrotain(/|$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|grammar)/|(^|/)chevrotain(/|$)',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.cts', '.mjs', '.js'] },
  },
};
