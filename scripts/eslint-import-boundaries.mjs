// The walls between Mamori's layers as one ESLint rule (`mamori/import-boundaries`), configured per
// folder in eslint.config.js. A wall is written in repository paths, not import strings: every
// relative specifier is resolved against the importing file first, so `../node/vault.js` from
// electron/main and `../../electron/node/vault.js` from renderer/src name the same place, and a
// folder that moves (electron/node -> desktop) is one more path in a list. Every way a module can
// come in is checked: import and export ... from, `import type`, dynamic `import()`, `require()`,
// `import x = require()` and `typeof import()` in types.
//
// Options (one object):
//   root           absolute path of the repository (eslint.config.js passes its own folder)
//   forbid         [{ modules?, builtins?, paths?, because }]: what this folder must not import.
//                  modules: package names ('electron' also covers 'electron/...'); builtins: true for
//                  Node's built-in modules, with or without `node:`; paths: repository paths, a
//                  folder or a file without its extension ('desktop', 'electron/shared/contract').
//   allowOnly      { paths, because }: the only repository paths this folder may import (bare package
//                  names are not concerned); anything else in the repository is reported.
//   allowTypesFrom paths from which `import type` is allowed anyway (type-only imports vanish at
//                  build time; used where a window type is derived from the preload's own code).
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

const builtins = new Set(builtinModules);
const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?|d\.[cm]?ts)$/;

function isBuiltin(specifier) {
  return specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0]);
}

function isModule(specifier, name) {
  return specifier === name || specifier.startsWith(`${name}/`);
}

/** `path` (repository-relative, no extension) lies at or under `place`. */
function within(path, place) {
  return path === place || path.startsWith(`${place}/`);
}

/** The repository-relative path (POSIX separators, no extension) a relative specifier names, or undefined. */
function repositoryPath(root, filename, specifier) {
  if (!specifier.startsWith('.') && !isAbsolute(specifier)) return undefined;
  const target = relative(root, resolve(dirname(filename), specifier));
  if (target.startsWith('..') || isAbsolute(target)) return undefined;
  return target.split(sep).join('/').replace(SOURCE_EXTENSION, '');
}

const stringArray = { type: 'array', items: { type: 'string' } };

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "Keep each layer's imports inside its walls (core purity, desktop without electron, renderer through the bridge, bank over HTTP)" },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          forbid: {
            type: 'array',
            items: {
              type: 'object',
              properties: { modules: stringArray, builtins: { type: 'boolean' }, paths: stringArray, because: { type: 'string' } },
              required: ['because'],
              additionalProperties: false,
            },
          },
          allowOnly: {
            type: 'object',
            properties: { paths: stringArray, because: { type: 'string' } },
            required: ['paths', 'because'],
            additionalProperties: false,
          },
          allowTypesFrom: stringArray,
        },
        required: ['root'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden: "'{{specifier}}' may not be imported here: {{because}}",
    },
  },
  create(context) {
    const { root, forbid = [], allowOnly, allowTypesFrom = [] } = context.options[0];
    const filename = context.filename;

    function check(node, specifier, typeOnly) {
      const path = repositoryPath(root, filename, specifier);
      if (path !== undefined && typeOnly && allowTypesFrom.some((place) => within(path, place))) return;
      for (const wall of forbid) {
        const hit =
          path === undefined
            ? (wall.builtins === true && isBuiltin(specifier)) || (wall.modules ?? []).some((name) => isModule(specifier, name))
            : (wall.paths ?? []).some((place) => within(path, place));
        if (hit) {
          context.report({ node, messageId: 'forbidden', data: { specifier, because: wall.because } });
          return;
        }
      }
      if (allowOnly && path !== undefined && !allowOnly.paths.some((place) => within(path, place))) {
        context.report({ node, messageId: 'forbidden', data: { specifier, because: allowOnly.because } });
      }
    }

    function checkLiteral(node, typeOnly) {
      if (node?.type === 'Literal' && typeof node.value === 'string') check(node, node.value, typeOnly);
      else if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) check(node, node.quasis[0].value.cooked, typeOnly);
    }

    const allTypes = (node) => node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');

    return {
      ImportDeclaration: (node) => checkLiteral(node.source, node.importKind === 'type' || allTypes(node)),
      ExportNamedDeclaration: (node) => node.source && checkLiteral(node.source, node.exportKind === 'type' || allTypes(node)),
      ExportAllDeclaration: (node) => checkLiteral(node.source, node.exportKind === 'type'),
      ImportExpression: (node) => checkLiteral(node.source, false),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) checkLiteral(node.arguments[0], false);
      },
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference') checkLiteral(node.moduleReference.expression, node.importKind === 'type');
      },
      TSImportType: (node) => checkLiteral(node.source ?? node.argument?.literal, true),
    };
  },
};

export default { meta: { name: 'mamori' }, rules: { 'import-boundaries': importBoundaries } };
