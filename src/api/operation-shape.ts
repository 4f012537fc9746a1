import { Kind } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';

/** How big an operation is once its fragments are expanded. */
export interface OperationShape {
  /** Field selections, every fragment spread counted as often as it is spread. */
  readonly fields: number;
  /** Fields selected at the root. */
  readonly rootFields: number;
  /** The field name selected under an alias most often, with its count; null when nothing is aliased. */
  readonly mostAliased: { readonly field: string; readonly count: number } | null;
  /** Deepest field nesting (a leaf at the root is 1). */
  readonly depth: number;
}

interface Summary {
  fields: number;
  top: number;
  aliases: Map<string, number>;
  depth: number;
}

const EMPTY: Summary = { fields: 0, top: 0, aliases: new Map(), depth: 0 };

function addAliases(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [name, n] of from) into.set(name, (into.get(name) ?? 0) + n);
}

/**
 * Measures `operation` after fragment expansion without expanding anything: each fragment is
 * summarised once and its counts are added wherever it is spread, so a small document that
 * doubles through twenty fragments is measured in linear time (its counts simply come out huge).
 * A fragment spread inside its own expansion (a cycle, which validation refuses) counts as empty.
 */
export function operationShape(operation: OperationDefinitionNode, document: DocumentNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const done = new Map<string, Summary>();
  const inProgress = new Set<string>();

  const fragment = (name: string): Summary => {
    const known = done.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || inProgress.has(name)) return EMPTY;
    inProgress.add(name);
    const summary = summarise(definition.selectionSet);
    inProgress.delete(name);
    done.set(name, summary);
    return summary;
  };

  const summarise = (set: SelectionSetNode): Summary => {
    const out: Summary = { fields: 0, top: 0, aliases: new Map(), depth: 0 };
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        out.fields += 1;
        out.top += 1;
        if (s.alias) out.aliases.set(s.name.value, (out.aliases.get(s.name.value) ?? 0) + 1);
        const sub = s.selectionSet ? summarise(s.selectionSet) : EMPTY;
        out.fields += sub.fields;
        addAliases(out.aliases, sub.aliases);
        out.depth = Math.max(out.depth, 1 + sub.depth);
        continue;
      }
      const sub = s.kind === Kind.INLINE_FRAGMENT ? summarise(s.selectionSet) : fragment(s.name.value);
      out.fields += sub.fields;
      out.top += sub.top;
      addAliases(out.aliases, sub.aliases);
      out.depth = Math.max(out.depth, sub.depth);
    }
    return out;
  };

  const root = summarise(operation.selectionSet);
  let mostAliased: OperationShape['mostAliased'] = null;
  for (const [field, count] of root.aliases) if (!mostAliased || count > mostAliased.count) mostAliased = { field, count };
  return { fields: root.fields, rootFields: root.top, mostAliased, depth: root.depth };
}
