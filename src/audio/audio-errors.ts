import { ErrorCode, TokenscopeError } from '../errors.js';

/** INVALID_AUDIO for `path`: the message names the file, then the problem. */
export function invalidAudio(path: string, problem: string, details: Record<string, unknown> = {}): TokenscopeError {
  return new TokenscopeError(ErrorCode.INVALID_AUDIO, `${path}: ${problem}`, { path, ...details });
}

/** UNSUPPORTED_FORMAT for `path`: the message names the file and the container or codec found. */
export function unsupportedFormat(path: string, problem: string, details: Record<string, unknown> = {}): TokenscopeError {
  return new TokenscopeError(ErrorCode.UNSUPPORTED_FORMAT, `${path}: ${problem}`, { path, ...details });
}

/** UNREADABLE_FILE for `path`, keeping the system error as the cause. */
export function unreadableFile(path: string, cause: unknown): TokenscopeError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new TokenscopeError(ErrorCode.UNREADABLE_FILE, `${path}: cannot read the file (${reason})`, { path }, { cause });
}
