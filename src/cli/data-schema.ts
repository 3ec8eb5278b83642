/** npm run data:schema [-- --out data/schema]: writes the JSON Schema of the documents, manifest and pointer. */
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../prep/node/defaults.js';
import { writeJsonSchemas } from '../prep/node/write-schema.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: DEFAULTS.schemaDir } } });
for (const file of await writeJsonSchemas(values.out!)) console.log(`wrote ${file}`);
