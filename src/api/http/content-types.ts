import { extname } from 'node:path';

const ASSET_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const AUDIO_TYPES: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  wave: 'audio/wav',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
};

/** Content-Type of a dashboard file, by extension; octet-stream for others (sent with nosniff). */
export function assetContentType(path: string): string {
  return ASSET_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Content-Type of an original audio file: by the container the ingest found (`wav/pcm16`,
 * `ogg/opus`, `flac`, `mp3`), else by the file's extension, else octet-stream.
 */
export function audioContentType(format: string | null, path: string): string {
  const container = format?.split('/')[0]?.toLowerCase() ?? '';
  return AUDIO_TYPES[container] ?? AUDIO_TYPES[extname(path).slice(1).toLowerCase()] ?? 'application/octet-stream';
}
