// @ts-check
/**
 * The layers of classif, enforced on import paths. A module may import its own layer and the
 * layers below it, never one above: the law (model, grids) knows nothing of who reads it, the
 * engines (classify, match) nothing of audits and reports, and only the faces (cli, server, web)
 * know the service. Peers of one level are ordered too (match may read classify, report may read
 * roster, never the reverse) so that no two folders import each other.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** Rank of each top folder of src/ (and of web/src as a whole); equal ranks may not import each other. */
export const LAYERS = {
  model: 0,
  text: 0,
  grids: 1,
  classify: 2,
  match: 2.5,
  roster: 3,
  report: 3.5,
  store: 4,
  service: 4,
  cli: 5,
  server: 5,
  web: 5,
  'index.ts': 5,
};

/** The layer of a file under root/src or root/web/src, or undefined (tests, scripts, bench). */
export function layerOf(root, file) {
  const rel = relative(root, file).split(sep);
  if (rel[0] === 'web' && rel[1] === 'src') return 'web';
  if (rel[0] !== 'src' || rel.length < 2) return undefined;
  return rel[1] in LAYERS ? rel[1] : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports go down the layers: model ← grids ← classify / match ← roster / report ← service ← cli / server / web.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, required: ['root'], additionalProperties: false }],
    messages: {
      upward: "{{from}} may not import {{to}} ('{{source}}'): layers go model ← grids ← classify / match ← roster / report ← service ← cli / server / web.",
    },
  },
  create(context) {
    const root = context.options[0].root;
    const from = layerOf(root, context.filename);
    if (from === undefined) return {};
    /** @param {any} node */
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = layerOf(root, resolve(dirname(context.filename), source));
      if (to === undefined || to === from) return;
      if (LAYERS[to] >= LAYERS[from]) context.report({ node: node.source, messageId: 'upward', data: { from, to, source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { layers: layersRule } };
