import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { operationShape } from './operation-shape.js';

/** Deepest field nesting of an operation, following fragments (a cycle counts once). */
export function selectionDepth(operation: OperationDefinitionNode, document: DocumentNode): number {
  return operationShape(operation, document).depth;
}
