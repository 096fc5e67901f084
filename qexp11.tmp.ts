import { tempWorkspace } from './test/workspace/helpers.js';
import { ingestFile } from './src/workspace/ingest.js';
const { ws, cleanup } = tempWorkspace();
const r = await ingestFile(ws, '/tmp/qexp/hand/pu.las');
console.log(r.status, r.error, r.warnings, r.curves?.map(c => [c.mnemonic, c.property, c.originalUnit, c.unit, !!c.convert]));
console.log(ws.db.prepare('select mnemonic, unit, original_unit, min, max from curves').all());
cleanup();
