import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const docs = new URL('../../docs/', import.meta.url);
const schemaOf = (name: string): object => JSON.parse(readFileSync(new URL(name, docs), 'utf8'));

/** The schemas others refer to. */
const referred: Record<string, string[]> = { 'firewall-change.schema.json': ['firewall.schema.json'] };

/** A validator for one of docs/*.schema.json, with the schemas it refers to (file-kinds.schema.json, …). */
export function validatorOf(name: string): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).addSchema(
    schemaOf('file-kinds.schema.json'),
  );
  for (const other of referred[name] ?? []) ajv.addSchema(schemaOf(other));
  return ajv.compile(schemaOf(name));
}
