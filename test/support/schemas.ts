import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const docs = new URL('../../docs/', import.meta.url);
const schemaOf = (name: string): object => JSON.parse(readFileSync(new URL(name, docs), 'utf8'));

/** A validator for one of docs/*.schema.json, with the schemas it refers to (file-kinds.schema.json). */
export function validatorOf(name: string): ValidateFunction {
  return new Ajv2020({ allErrors: true, strict: true, validateFormats: false })
    .addSchema(schemaOf('file-kinds.schema.json'))
    .compile(schemaOf(name));
}
