/** One block of the original audio's summary (Audio.signal), decoded: what the waveform and spectrogram draw. */
export interface SignalBlock {
  startFrame: number;
  /** Frames it covers (fewer than the block length at the end of the audio). */
  frameCount: number;
  waveform: { columns: number; min: Float32Array; max: Float32Array; rms: Float32Array };
  spectrogram: { columns: number; bands: number; maxHz: number; floorDb: number; stepDb: number; levels: Uint8Array };
}
