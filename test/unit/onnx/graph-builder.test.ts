import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { ErrorCode } from '../../../src/errors.js';
import { attr, floatTensor, int64Tensor, OnnxGraphBuilder } from '../../../src/onnx/graph-builder.js';
import { readModelSignature } from '../../../src/onnx/model-signature.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('OnnxGraphBuilder', () => {
  it('builds a model onnxruntime runs, with float and int64 initializers and typed attributes', async () => {
    const bytes = new OnnxGraphBuilder('t')
      .input('x', 'float32', ['batch', 3])
      .initializer('w', floatTensor([3], [1, 2, 3]))
      .initializer('axes', int64Tensor([1], [1]))
      .node('Mul', ['x', 'w'], ['y'])
      .node('ReduceSum', ['y', 'axes'], ['s'], { keepdims: 0 })
      .node('LeakyRelu', ['s'], ['z'], { alpha: attr.float(1) })
      .node('Cast', ['z'], ['out'], { to: 7 })
      .output('out', 'int64', ['batch'])
      .toBytes(17);
    const session = await ort.InferenceSession.create(bytes);
    try {
      const result = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 1, 1, 0.5, -1, 2]), [2, 3]) });
      assert.deepEqual(Array.from(result['out']!.data as BigInt64Array), [6n, 4n]);
    } finally {
      await session.release();
    }
  });

  it('declares inputs and outputs that readModelSignature reads back, initializers excluded', () => {
    const bytes = new OnnxGraphBuilder()
      .input('a', 'float32', ['B', 1, 'T'])
      .initializer('k', int64Tensor([2], [3n, 4n]))
      .node('Identity', ['a'], ['b'])
      .output('b', 'float32', ['B', 1, 'T'])
      .toBytes(13);
    assert.deepEqual(readModelSignature(bytes), {
      inputs: [{ name: 'a', type: 'float32', dims: ['B', 1, 'T'] }],
      outputs: [{ name: 'b', type: 'float32', dims: ['B', 1, 'T'] }],
      opset: 13,
    });
  });

  describe('misuse', () => {
    it('refuses an initializer whose values do not fill its dims', () => {
      assertThrowsCode(() => new OnnxGraphBuilder().initializer('w', floatTensor([2, 2], [1, 2, 3])), ErrorCode.INVALID_ARGUMENT, /tensor w: dims \[2, 2\] need 4 values, got 3/);
    });
    it('refuses a tensor name defined twice', () => {
      const g = new OnnxGraphBuilder('g').input('x', 'float32', [1]).node('Identity', ['x'], ['x']).output('x', 'float32', [1]);
      assertThrowsCode(() => g.toBytes(), ErrorCode.INVALID_ARGUMENT, /graph g: output of node Identity_0 'x' is defined twice/);
    });
    it('refuses a graph output that nothing produces', () => {
      const g = new OnnxGraphBuilder('g').input('x', 'float32', [1]).output('y', 'float32', [1]);
      assertThrowsCode(() => g.toBytes(), ErrorCode.INVALID_ARGUMENT, /graph output 'y' is produced by no node/);
    });
    it('refuses an int64 number that is not a safe integer', () => {
      assertThrowsCode(() => new OnnxGraphBuilder().initializer('k', int64Tensor([1], [0.5])), ErrorCode.INVALID_ARGUMENT, /int64 value at 0 must be a safe integer, got 0.5/);
    });
  });
});
