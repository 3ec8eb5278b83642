/** The zod schemas as JSON Schema files, for people who reuse the published documents. */
import { z } from 'zod';
import { CurrentPointer, IndicatorDocument, Manifest } from '../core/schema.js';

export function jsonSchemaFiles(): Map<string, string> {
  const schemas = { 'indicator-document': IndicatorDocument, manifest: Manifest, 'current-pointer': CurrentPointer };
  return new Map(
    Object.entries(schemas).map(([name, schema]) => [
      `${name}.schema.json`,
      `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-2020-12' }), null, 2)}\n`,
    ]),
  );
}
