import { SAMPLES_PER_FRAME } from '../domain/contract.js';
import { ErrorCode, invalidArgument, TokenscopeError } from '../errors.js';
import { checkDecodeRequest } from './check-request.js';
import type { DecodeOptions, DecodeRequest, Decoder, DecoderBackend, FrameSpan } from './decoder.js';

/**
 * The Decoder of a backend: validates every request before the backend runs, counts the samples it
 * produces and refuses any other total than N·1920 (INVALID_MODEL naming both lengths), refuses
 * work after close.
 */
export function contractDecoder(backend: DecoderBackend): Decoder {
  let closed = false;
  const running = new Set<Promise<unknown>>();
  const open = () => {
    if (closed) throw invalidArgument(`decoder of model ${backend.info.modelId} is closed; open a new one`);
  };

  async function* checkedBlocks(request: DecodeRequest, layers: readonly number[], options: DecodeOptions = {}): AsyncGenerator<Float32Array> {
    const frames = options.span ? options.span.count : request.codes.frames;
    const expected = frames * SAMPLES_PER_FRAME;
    let received = 0;
    const wrong = (got: string) =>
      new TokenscopeError(
        ErrorCode.INVALID_MODEL,
        `decoder of model ${backend.info.modelId} (${backend.info.summary}) returned ${got} samples for ${frames} frames; expected ${expected} (${frames} × ${SAMPLES_PER_FRAME})`,
        { expected, received: got },
      );
    for await (const block of backend.blocks(request.codes, layers, options.span, options.leadFrames)) {
      received += block.length;
      if (received > expected) throw wrong(`more than ${expected} (at least ${received})`);
      yield block;
    }
    if (received !== expected) throw wrong(`${received}`);
  }

  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    void work.catch(() => undefined).finally(() => running.delete(work));
    return work;
  };

  return {
    info: backend.info,
    decode(request: DecodeRequest, options?: DecodeOptions): Promise<Float32Array> {
      try {
        open();
        const layers = checkDecodeRequest(backend.info, request, options);
        checkSpan(options, request.codes.frames);
        return track(
          (async () => {
            const out = new Float32Array((options?.span?.count ?? request.codes.frames) * SAMPLES_PER_FRAME);
            let at = 0;
            for await (const block of checkedBlocks(request, layers, options)) {
              out.set(block, at);
              at += block.length;
            }
            return out;
          })(),
        );
      } catch (error) {
        return Promise.reject(error);
      }
    },
    stream(request: DecodeRequest, options?: DecodeOptions): AsyncIterable<Float32Array> {
      open();
      const layers = checkDecodeRequest(backend.info, request, options);
      checkSpan(options, request.codes.frames);
      const blocks = checkedBlocks(request, layers, options);
      return {
        [Symbol.asyncIterator]: () => ({
          next: () => {
            if (closed) return Promise.reject(invalidArgument(`decoder of model ${backend.info.modelId} was closed while streaming`));
            return track(blocks.next());
          },
          return: (value?: unknown) => blocks.return(value as undefined),
        }),
      };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...running]);
      await backend.close();
    },
  };
}

/** INVALID_ARGUMENT naming `span` unless it is whole frames inside a matrix of `frames` frames, or `leadFrames` unless a positive integer. */
function checkSpan(options: DecodeOptions | undefined, frames: number): void {
  const lead = options?.leadFrames;
  if (lead !== undefined && (!Number.isInteger(lead) || lead < 1)) throw invalidArgument(`leadFrames: expected a positive integer (frames); received ${lead}`, { argument: 'leadFrames', value: lead });
  const span: FrameSpan | undefined = options?.span;
  if (span === undefined) return;
  const { start, count } = span;
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 1 || start + count > frames) {
    throw invalidArgument(`span: expected frames [start, start + count) inside the matrix's ${frames} frames, count ≥ 1; received start ${start}, count ${count}`, { argument: 'span', start, count, frames });
  }
}
