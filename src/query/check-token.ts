import { CODEBOOK_SIZE, LAYER_COUNT, isLayerNumber } from '../domain/contract.js';
import { invalidArgument } from '../errors.js';

/** Checks a single layer number (1..16) given as argument `argument`. */
export function checkLayer(layer: number, argument = 'layer'): number {
  if (!isLayerNumber(layer)) throw invalidArgument(`${argument} must be a layer number 1..${LAYER_COUNT}; received ${layer}`, { argument, value: layer });
  return layer;
}

/** Checks a token id (0..2047) given as argument `argument`. */
export function checkToken(token: number, argument = 'token'): number {
  if (!Number.isInteger(token) || token < 0 || token >= CODEBOOK_SIZE) {
    throw invalidArgument(`${argument} must be a token id 0..${CODEBOOK_SIZE - 1}; received ${token}`, { argument, value: token });
  }
  return token;
}
