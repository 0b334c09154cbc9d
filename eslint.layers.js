import path from 'node:path';

/**
 * src/shared is a one-way stack. Each entry below is a layer, bottom first;
 * a file may import from its own folder and from any layer below its own,
 * never from its own layer's other folders or from above, and never from
 * outside src/shared by a relative path (packages are the purity rule's
 * business). So no two folders of src/shared can import each other.
 *
 * A new folder (or a new top-level file) must be placed here before it can
 * import or be imported: the rule refuses what it does not know.
 */
export const SHARED_LAYERS = [
  // The IPC contract's names that need no schema (the contract builds on them; a page starts without zod).
  { name: 'names', units: ['ipc-names.ts'] },
  // Foundations: byte encoding, counts in words, the IPC contract and the persistent sequence timelines are kept in.
  { name: 'foundations', units: ['base64.ts', 'plural.ts', 'ipc.ts', 'sequence.ts'] },
  // Rules: ICS rules (roles, severities, business days, codenames) and the
  // pure logic of each capability the hosts share (sync, notifications, hotkeys).
  { name: 'rules', units: ['ics', 'sync', 'notifications', 'hotkeys'] },
  // The incident document: schema, commands, folds and the projection.
  { name: 'document', units: ['incident'] },
  // Who may write an incident, and which of its entries are verified: signatures, members, chains.
  { name: 'trust', units: ['trust'] },
  // Read models built from a snapshot or the timeline: timers board, replay, activity log.
  { name: 'views', units: ['views'] },
  // What leaves the incident: postmortem, status updates, CAN, exports, lints.
  { name: 'reports', units: ['report'] },
];

const SHARED_ROOT = path.join('src', 'shared');

function unitOf(fileFromShared) {
  return fileFromShared.split(path.sep)[0];
}

function layerOf(unit) {
  const index = SHARED_LAYERS.findIndex((layer) => layer.units.includes(unit) || layer.units.includes(`${unit}.ts`));
  return index < 0 ? null : index;
}

/** The top-level folder or file of src/shared a path is in, or null outside it. */
function sharedUnit(absolute, cwd) {
  const fromShared = path.relative(path.join(cwd, SHARED_ROOT), absolute);
  if (fromShared.startsWith('..') || path.isAbsolute(fromShared)) return null;
  return unitOf(fromShared);
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep src/shared a one-way stack of layers (see eslint.layers.js).' },
    schema: [],
  },
  create(context) {
    const cwd = context.cwd;
    const importer = sharedUnit(path.resolve(cwd, context.filename), cwd);
    if (importer === null) return {};
    const importerLayer = layerOf(importer);

    function check(node) {
      const source = node.source;
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.resolve(path.dirname(path.resolve(cwd, context.filename)), source.value);
      const targetUnit = sharedUnit(target, cwd);
      const report = (message) => context.report({ node: source, message });
      if (targetUnit === null) return report(`src/shared may not import from outside it ('${source.value}').`);
      if (targetUnit === importer || targetUnit.replace(/\.ts$/, '') === importer.replace(/\.ts$/, '')) return;
      if (importerLayer === null) return report(`'${importer}' is not placed in a layer of src/shared: add it to SHARED_LAYERS in eslint.layers.js.`);
      const targetLayer = layerOf(targetUnit.replace(/\.(ts|js)$/, ''));
      if (targetLayer === null) return report(`'${targetUnit}' is not placed in a layer of src/shared: add it to SHARED_LAYERS in eslint.layers.js.`);
      if (targetLayer >= importerLayer) {
        const above = targetLayer > importerLayer ? 'a layer above it' : 'its own layer';
        report(
          `src/shared/${importer} (${SHARED_LAYERS[importerLayer].name}) may not import src/shared/${targetUnit} (${SHARED_LAYERS[targetLayer].name}): that is ${above}. Layers import only those below them.`,
        );
      }
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const sharedLayersPlugin = { rules: { 'shared-layers': rule } };
