import { invalidArgument } from '../errors.js';
import { ELEMENT_BYTES, elementTypeCode, type ElementType } from './element-type.js';
import type { onnx as proto } from 'onnx-proto';
import { onnx } from './onnx-proto.js';

/** A tensor dimension: a fixed size, or a symbolic name such as 'batch' or 'T'. */
export type Dim = number | string;

/** A constant tensor: element type, shape, and its values in row-major order. */
export interface TensorInit {
  readonly type: ElementType;
  readonly dims: readonly number[];
  /** Values; int64 accepts numbers (exact integers) or bigints; bool accepts 0/1 or booleans. */
  readonly data: ArrayLike<number> | ArrayLike<bigint> | readonly boolean[];
}

/** An attribute whose ONNX type is stated rather than inferred (see `attr`). */
export interface TypedAttribute {
  readonly kind: 'float' | 'int' | 'string' | 'floats' | 'ints' | 'strings' | 'tensor';
  readonly value: number | string | TensorInit | readonly number[] | readonly string[];
}

/**
 * A node attribute: a plain value is typed by inference (integer number → INT, other number →
 * FLOAT, string → STRING, number[] → INTS when all are integers else FLOATS, string[] → STRINGS,
 * TensorInit → TENSOR; an empty array is INTS); use `attr.float(1)` etc. where inference would pick the wrong type.
 */
export type AttributeValue = number | string | readonly number[] | readonly string[] | TensorInit | TypedAttribute;

/** Explicitly typed attributes, for values inference would type wrongly (e.g. a float that is 1.0). */
export const attr = {
  float: (value: number): TypedAttribute => ({ kind: 'float', value }),
  int: (value: number): TypedAttribute => ({ kind: 'int', value }),
  string: (value: string): TypedAttribute => ({ kind: 'string', value }),
  floats: (value: readonly number[]): TypedAttribute => ({ kind: 'floats', value }),
  ints: (value: readonly number[]): TypedAttribute => ({ kind: 'ints', value }),
  strings: (value: readonly string[]): TypedAttribute => ({ kind: 'strings', value }),
  tensor: (value: TensorInit): TypedAttribute => ({ kind: 'tensor', value }),
} as const;

/** A float32 constant tensor. */
export function floatTensor(dims: readonly number[], data: ArrayLike<number>): TensorInit {
  return { type: 'float32', dims, data };
}

/** An int64 constant tensor (numbers must be exact integers). */
export function int64Tensor(dims: readonly number[], data: ArrayLike<number> | ArrayLike<bigint>): TensorInit {
  return { type: 'int64', dims, data };
}

/** Options of `toBytes`. */
export interface ModelOptions {
  /** ONNX IR version; 8 goes with opsets up to 17 and is what onnxruntime ≥ 1.12 reads. */
  readonly irVersion?: number;
  readonly producerName?: string;
  readonly docString?: string;
  /** metadata_props of the model (e.g. provenance). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Builds a small ONNX model in memory, one call per graph element, and serialises it.
 *
 * Usage:
 * ```ts
 * const g = new OnnxGraphBuilder('double');
 * g.input('x', 'float32', ['batch', 'T'])
 *  .initializer('two', floatTensor([], [2]))
 *  .node('Mul', ['x', 'two'], ['y'])
 *  .node('ReduceSum', ['y'], ['s'], { keepdims: 0 })      // integer → INT attribute
 *  .node('LeakyRelu', ['s'], ['z'], { alpha: attr.float(1) }) // say FLOAT where inference would say INT
 *  .output('z', 'float32', ['batch']);
 * const bytes = g.toBytes(17);   // Uint8Array, ready for InferenceSession.create(bytes) or writeFile
 * ```
 * Names are the tensor names the graph wires together; an input or output name used twice, or a
 * node output produced twice, is refused at `toBytes` with INVALID_ARGUMENT. Nodes must be added in
 * topological order (ONNX requires it). Node names default to `<opType>_<index>`.
 */
export class OnnxGraphBuilder {
  private readonly inputs: proto.IValueInfoProto[] = [];
  private readonly outputs: proto.IValueInfoProto[] = [];
  private readonly initializers: proto.ITensorProto[] = [];
  private readonly nodes: proto.INodeProto[] = [];

  constructor(private readonly graphName = 'graph') {}

  /** Declares a graph input of element type `type` and shape `dims` (numbers fixed, strings symbolic). */
  input(name: string, type: ElementType, dims: readonly Dim[]): this {
    this.inputs.push(valueInfo(name, type, dims));
    return this;
  }

  /** Declares a graph output; `name` must be produced by a node (or be an input or initializer). */
  output(name: string, type: ElementType, dims: readonly Dim[]): this {
    this.outputs.push(valueInfo(name, type, dims));
    return this;
  }

  /** Adds a named constant (weights, shapes, axes) that nodes can take as an input. */
  initializer(name: string, tensor: TensorInit): this {
    this.initializers.push(tensorProto(name, tensor));
    return this;
  }

  /** Adds a node; `inputs` may contain '' for an omitted optional input. */
  node(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
    options: { readonly name?: string; readonly domain?: string } = {},
  ): this {
    this.nodes.push({
      opType,
      input: [...inputs],
      output: [...outputs],
      name: options.name ?? `${opType}_${this.nodes.length}`,
      domain: options.domain ?? '',
      attribute: Object.entries(attributes).map(([n, v]) => attributeProto(n, v)),
    });
    return this;
  }

  /** Serialises the model with the default-domain opset `opset` (e.g. 17) as ONNX protobuf bytes. */
  toBytes(opset = 17, options: ModelOptions = {}): Uint8Array {
    this.checkNames();
    const model = onnx.ModelProto.create({
      irVersion: options.irVersion ?? 8,
      producerName: options.producerName ?? 'tokenscope',
      docString: options.docString ?? '',
      opsetImport: [{ domain: '', version: opset }],
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.graphName,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
        node: this.nodes,
      },
    });
    const bytes = onnx.ModelProto.encode(model).finish();
    // protobufjs hands back a Buffer on Node; callers get a plain Uint8Array view of the same bytes.
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private checkNames(): void {
    const seen = new Set<string>();
    const once = (name: string, what: string) => {
      if (seen.has(name)) throw invalidArgument(`graph ${this.graphName}: ${what} '${name}' is defined twice`);
      seen.add(name);
    };
    for (const i of this.inputs) once(i.name!, 'input');
    for (const t of this.initializers) once(t.name!, 'initializer');
    for (const n of this.nodes) for (const o of n.output!) if (o !== '') once(o, `output of node ${n.name}`);
    const outs = new Set<string>();
    for (const o of this.outputs) {
      if (outs.has(o.name!)) throw invalidArgument(`graph ${this.graphName}: graph output '${o.name}' is declared twice`);
      outs.add(o.name!);
      if (!seen.has(o.name!)) throw invalidArgument(`graph ${this.graphName}: graph output '${o.name}' is produced by no node`);
    }
  }
}

function valueInfo(name: string, type: ElementType, dims: readonly Dim[]): proto.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: elementTypeCode(type),
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** A TensorProto holding its values as little-endian raw_data. */
function tensorProto(name: string, t: TensorInit): proto.ITensorProto {
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== count) {
    throw invalidArgument(`tensor ${name}: dims [${t.dims.join(', ')}] need ${count} values, got ${t.data.length}`);
  }
  const bytes = new Uint8Array(count * ELEMENT_BYTES[t.type]);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) writeElement(view, t.type, i, t.data[i]!, name);
  return { name, dataType: elementTypeCode(t.type), dims: [...t.dims], rawData: bytes };
}

function writeElement(view: DataView, type: ElementType, i: number, v: number | bigint | boolean, name: string): void {
  const n = typeof v === 'boolean' ? Number(v) : v;
  switch (type) {
    case 'float32': return view.setFloat32(i * 4, Number(n), true);
    case 'float64': return view.setFloat64(i * 8, Number(n), true);
    case 'int8': return view.setInt8(i, Number(n));
    case 'uint8':
    case 'bool': return view.setUint8(i, Number(n));
    case 'int16': return view.setInt16(i * 2, Number(n), true);
    case 'int32': return view.setInt32(i * 4, Number(n), true);
    case 'int64': {
      if (typeof n === 'number' && !Number.isSafeInteger(n)) {
        throw invalidArgument(`tensor ${name}: int64 value at ${i} must be a safe integer, got ${n}`);
      }
      return view.setBigInt64(i * 8, BigInt(n), true);
    }
  }
}

function attributeProto(name: string, value: AttributeValue): proto.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  const typed = toTyped(value);
  switch (typed.kind) {
    case 'float': return { name, type: T.FLOAT, f: typed.value as number };
    case 'int': return { name, type: T.INT, i: typed.value as number };
    case 'string': return { name, type: T.STRING, s: new TextEncoder().encode(typed.value as string) };
    case 'floats': return { name, type: T.FLOATS, floats: [...(typed.value as number[])] };
    case 'ints': return { name, type: T.INTS, ints: [...(typed.value as number[])] };
    case 'strings': return { name, type: T.STRINGS, strings: (typed.value as string[]).map((s) => new TextEncoder().encode(s)) };
    case 'tensor': return { name, type: T.TENSOR, t: tensorProto(name, typed.value as TensorInit) };
  }
}

function toTyped(value: AttributeValue): TypedAttribute {
  if (typeof value === 'number') return { kind: Number.isInteger(value) ? 'int' : 'float', value };
  if (typeof value === 'string') return { kind: 'string', value };
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'string')) return { kind: 'strings', value };
    return { kind: (value as number[]).every(Number.isInteger) ? 'ints' : 'floats', value };
  }
  if ('kind' in value) return value;
  return { kind: 'tensor', value: value as TensorInit };
}
