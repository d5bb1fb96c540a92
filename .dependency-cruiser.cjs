// Layer rules of ../shared/DESIGN.md: one folder per layer under src/, imports only point down the
// table, and no cycles. `npm test` runs this; an upward import or a cycle fails the build.
/* eslint-disable */

// Which layers each layer may import (besides itself). Mirrors DESIGN.md's "may import" column.
const allowed = {
  primitives: [],
  ipld: ['primitives'],
  state: ['ipld', 'primitives'],
  vm: ['state', 'ipld', 'primitives'],
  actors: ['vm', 'state', 'ipld', 'primitives'],
  chain: ['vm', 'actors', 'state', 'ipld', 'primitives'],
  eth: ['ipld', 'primitives'],
  rpc: ['eth', 'primitives'],
  server: ['rpc', 'primitives'],
  // The Ethereum API over a node: rpc/'s methods implemented with chain/ and eth/ (see architecture.md).
  gateway: ['chain', 'vm', 'actors', 'state', 'ipld', 'eth', 'rpc', 'primitives'],
  cli: ['gateway', 'server', 'chain', 'rpc', 'eth', 'ipld', 'primitives'],
};

const layers = Object.keys(allowed);

module.exports = {
  forbidden: [
    ...layers.map((layer) => {
      const forbiddenLayers = layers.filter((l) => l !== layer && !allowed[layer].includes(l));
      return {
        name: `layer-${layer}`,
        comment: `src/${layer}/ may import only ${allowed[layer].join(', ') || 'nothing of ours'} (DESIGN.md layer table)`,
        severity: 'error',
        from: { path: `^src/${layer}/` },
        to: { path: `^src/(${forbiddenLayers.join('|')})/` },
      };
    }),
    {
      name: 'unknown-layer',
      comment: 'every source file lives in one of the layer folders of DESIGN.md',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(${layers.join('|')})/` },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'import cycles make layers impossible to reason about',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
    },
  },
};
