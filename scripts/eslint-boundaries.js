// Lint rule: a file may import (by relative path) only from the folders its runtime may reach.
// Folder patterns in no-restricted-imports match the import text, which `../..` chains defeat;
// this rule resolves each relative import to a repo path first, so the folder table is the truth.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** @type {import('eslint').Rule.RuleModule} */
export const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports must resolve inside the folders listed in `allow`.' },
    schema: [{
      type: 'object',
      properties: { allow: { type: 'array', items: { type: 'string' } }, why: { type: 'string' } },
      required: ['allow', 'why'],
      additionalProperties: false,
    }],
  },
  create(context) {
    const { allow, why } = context.options[0];
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/');
      if (allow.some((folder) => target === folder || target.startsWith(`${folder}/`))) return;
      context.report({ node: node.source, message: `${why} ('${target}' is outside ${allow.join(', ')}.)` });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
