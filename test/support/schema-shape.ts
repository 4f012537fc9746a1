import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isListType, isNonNullType, isObjectType } from 'graphql';
import type { GraphQLOutputType } from 'graphql';
import { repoRoot } from './paths.js';

const schema = buildSchema(readFileSync(join(repoRoot(), 'schema', 'schema.graphql'), 'utf8'));

/**
 * Where a JSON value departs from a type of the committed schema: a key that is no field of its
 * type, or a field without arguments that is missing (except in the types named in `partial`,
 * which a selection may cut short). Empty when every name matches. Scalars are not checked.
 */
export function schemaMismatches(value: unknown, typeName: string, partial: readonly string[] = []): string[] {
  const type = schema.getType(typeName);
  if (!type || !isObjectType(type)) return [`${typeName} is no object type of the schema`];
  const out: string[] = [];
  visit(value, type, typeName, partial, out);
  return out;
}

function visit(value: unknown, type: GraphQLOutputType, path: string, partial: readonly string[], out: string[]): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (!Array.isArray(value)) out.push(`${path}: expected a list`);
    else value.forEach((item, i) => visit(item, inner.ofType, `${path}[${i}]`, partial, out));
    return;
  }
  const named = getNamedType(inner);
  if (!isObjectType(named)) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.push(`${path}: expected an object of type ${named.name}`);
    return;
  }
  const fields = named.getFields();
  for (const [key, child] of Object.entries(value)) {
    const field = fields[key];
    if (!field) out.push(`${path}.${key}: no field ${key} on ${named.name}`);
    else visit(child, field.type, `${path}.${key}`, partial, out);
  }
  if (partial.includes(named.name)) return;
  for (const field of Object.values(fields)) {
    if (field.args.length === 0 && !(field.name in value)) out.push(`${path}.${field.name}: missing (${named.name}.${field.name})`);
  }
}
