// @ts-check
import path from 'node:path';

const SERVICES = path.join('electron', 'services');

/** `<service>/<rest>` of a path under electron/services, or null outside it. */
function serviceOf(file, root) {
  const rel = path.relative(path.join(root, SERVICES), file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const [service, ...rest] = rel.split(path.sep);
  return service && rest.length > 0 ? { service, rest: rest.join('/') } : null;
}

/**
 * A service reaches another service only through that service's index.ts, so each folder's
 * public face is one file and its internals can move without touching its callers.
 * @type {import('eslint').Rule.RuleModule}
 */
export const serviceBoundary = {
  meta: {
    type: 'problem',
    docs: { description: 'A service imports another service only through its index.ts' },
    messages: {
      internal:
        "'{{target}}' is inside the {{service}} service: import it from '{{service}}' (its index.ts), and export it there.",
    },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const from = serviceOf(context.filename, root);
    if (!from) return {};
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = serviceOf(path.resolve(path.dirname(context.filename), spec), root);
      if (!target || target.service === from.service) return;
      if (target.rest === 'index' || target.rest === 'index.ts') return;
      context.report({
        node: node.source,
        messageId: 'internal',
        data: { target: spec, service: target.service },
      });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
