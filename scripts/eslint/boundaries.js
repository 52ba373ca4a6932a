// Local ESLint rules for the feature anatomy (docs/decisions/0017-feature-anatomy.md).
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LOWER_LAYERS = ['auth', 'db', 'views', 'lib', 'policies', 'audit', 'mail', 'storage'];

/** 'src/features/cohorts/places/routes.tsx' → ['features', 'cohorts', 'places', 'routes.tsx'] under src/. */
function srcParts(file) {
  const rel = relative(resolve(root, 'src'), file);
  return rel.startsWith('..') ? null : rel.split(sep);
}

/**
 * Features reach each other only through the other feature's index.ts, and the layers below features
 * (auth, db, views, lib, policies, audit, mail, storage) never import a feature.
 */
const featureBoundaries = {
  meta: { type: 'problem', schema: [], messages: { sideDoor: '{{what}}' } },
  create(context) {
    const from = srcParts(context.filename);
    if (!from) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = srcParts(resolve(dirname(context.filename), source));
      if (!to || to[0] !== 'features') return;
      if (LOWER_LAYERS.includes(from[0])) {
        context.report({
          node,
          messageId: 'sideDoor',
          data: { what: `src/${from[0]}/ is below the features and must not import one; let the feature register what is needed in app.ts` },
        });
      } else if (from[0] === 'features' && from[1] !== to[1] && !(to.length === 3 && to[2] === 'index.ts')) {
        context.report({ node, messageId: 'sideDoor', data: { what: `Import the ${to[1]} feature through src/features/${to[1]}/index.ts` } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export const boundaries = { rules: { 'feature-boundaries': featureBoundaries } };
