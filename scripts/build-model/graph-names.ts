/**
 * A thin layer over the project's OnnxGraphBuilder that names intermediate values itself, so graph
 * code reads as expressions: `const y = g.op('Mul', [x, w])`.
 */
import { OnnxGraphBuilder, floatTensor, int64Tensor } from '../../src/onnx/graph-builder.js';
import type { AttributeValue } from '../../src/onnx/graph-builder.js';

/** OnnxGraphBuilder plus generated value names. */
export class NamedGraph {
  private counter = 0;

  constructor(readonly builder: OnnxGraphBuilder) {}

  /** Adds a node with one output and returns the output's generated name. */
  op(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, AttributeValue>> = {}, hint?: string): string {
    const name = this.fresh(hint ?? opType.toLowerCase());
    this.builder.node(opType, inputs, [name], attributes, { name: `${opType}_${name}` });
    return name;
  }

  /** Adds a node with `outputs` outputs and returns their generated names. */
  opN(opType: string, inputs: readonly string[], outputs: number, attributes: Readonly<Record<string, AttributeValue>> = {}, hint?: string): string[] {
    const base = this.fresh(hint ?? opType.toLowerCase());
    const names = Array.from({ length: outputs }, (_, i) => `${base}_${i}`);
    this.builder.node(opType, inputs, names, attributes, { name: `${opType}_${base}` });
    return names;
  }

  /** A float32 initializer of shape `dims`. */
  f32(data: ArrayLike<number>, dims: readonly number[], hint = 'const'): string {
    const name = this.fresh(hint);
    this.builder.initializer(name, floatTensor(dims, data));
    return name;
  }

  /** An int64 initializer of shape `dims`. */
  i64(data: readonly number[], dims: readonly number[], hint = 'const'): string {
    const name = this.fresh(hint);
    this.builder.initializer(name, int64Tensor(dims, data));
    return name;
  }

  private fresh(hint: string): string {
    return `${hint}_${this.counter++}`;
  }
}
