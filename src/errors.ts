/** Every failure tokenscope reports on purpose carries one of these codes. */
export enum ErrorCode {
  /** A code matrix (file, line, array) is malformed: bad token, wrong shape, bad dtype. */
  INVALID_CODES = 'INVALID_CODES',
  /** A label file or span is malformed or does not fit its audio (reversed, negative, past the end, overlapping its class). */
  INVALID_LABELS = 'INVALID_LABELS',
  /** A line of an interchange manifest (Lhotse recordings or supervisions) is malformed; the message names the file and line. */
  INVALID_MANIFEST = 'INVALID_MANIFEST',
  /** A Parquet dataset (tokenscope's export) is incomplete or damaged: a missing table, a wrong column type, a token out of range, a ragged audio; the message names the file, row group, row and value. */
  INVALID_DATASET = 'INVALID_DATASET',
  /** An argument or parameter is of the wrong type or out of range. */
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
  /** An audio file cannot be decoded: empty, truncated, not audio, NaN/Inf samples, too short. */
  INVALID_AUDIO = 'INVALID_AUDIO',
  /** An audio file is in a format or codec tokenscope does not decode. */
  UNSUPPORTED_FORMAT = 'UNSUPPORTED_FORMAT',
  /** An ONNX model (or its manifest) does not fit a supported encoder layout. */
  INVALID_MODEL = 'INVALID_MODEL',
  /** A named thing (audio, corpus, detector, model) does not exist. */
  NOT_FOUND = 'NOT_FOUND',
  /** A thing with that name already exists. */
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  /** A path lies outside the configured data roots (or escapes them through `..` or a symlink). */
  PATH_OUTSIDE_ROOTS = 'PATH_OUTSIDE_ROOTS',
  /** A file could not be read. */
  UNREADABLE_FILE = 'UNREADABLE_FILE',
  /** The server cannot listen on the address and port asked for (in use, not on this machine, or privileged). */
  ADDRESS_IN_USE = 'ADDRESS_IN_USE',
  /** The database file is held by another process (DuckDB lets one process write a file); the message names the holder. */
  DATABASE_BUSY = 'DATABASE_BUSY',
  /**
   * A running server holds the database and this command cannot go through it (it opens the file
   * itself, or asks for encoder settings other than the server's), or a second server was asked for
   * a database one already serves; the message names the server and what to do.
   */
  SERVER_RUNNING = 'SERVER_RUNNING',
  /** The server that holds the database stopped answering in the middle of a command, or is stopping while a request waits (e.g. for a waveform being built). */
  SERVER_UNREACHABLE = 'SERVER_UNREACHABLE',
  /** A mutation was attempted without the API key. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** A request asks for more than a cap allows (list size, window, depth, complexity). */
  LIMIT_EXCEEDED = 'LIMIT_EXCEEDED',
  /** Matrices from different models were combined where that is not allowed. */
  MODEL_MISMATCH = 'MODEL_MISMATCH',
  /** A valid request this model or decoder cannot carry out (e.g. a layer ablation on a decoder that takes token ids); the message says why. */
  UNSUPPORTED_OPERATION = 'UNSUPPORTED_OPERATION',
  /** The file an audio was ingested from now holds other bytes (replaced or edited since the ingest). */
  SOURCE_CHANGED = 'SOURCE_CHANGED',
  /** Two shards being merged (or a shard and the target store) hold the same audio (corpus, model, content sha256) with other codes; the message names both and the audio. */
  SHARD_CONFLICT = 'SHARD_CONFLICT',
  /** A write (ingest, delete, labels, a stored evaluation) was aimed at an attached, read-only corpus; the message names the corpus. */
  READ_ONLY_CORPUS = 'READ_ONLY_CORPUS',
  /** A file of an attached dataset changed (size or modification time) or went since it was attached; the message names the file. */
  DATASET_CHANGED = 'DATASET_CHANGED',
  /** An invariant broke: a bug, masked to clients and logged. */
  INTERNAL = 'INTERNAL',
}

/** The one domain error type: a code, a message naming what was wrong, and optional details. */
export class TokenscopeError extends Error {
  override readonly name = 'TokenscopeError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Shorthand for an INVALID_ARGUMENT error. */
export function invalidArgument(message: string, details: Record<string, unknown> = {}): TokenscopeError {
  return new TokenscopeError(ErrorCode.INVALID_ARGUMENT, message, details);
}

/** Shorthand for a NOT_FOUND error. */
export function notFound(message: string, details: Record<string, unknown> = {}): TokenscopeError {
  return new TokenscopeError(ErrorCode.NOT_FOUND, message, details);
}

/** Thrown where the compiler proved a case cannot happen (exhaustive switches). */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`unreachable case: ${JSON.stringify(value)}`);
  }
}
