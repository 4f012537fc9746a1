import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The waveform of a window in columns of equal length: per column the lowest and highest sample and the RMS (samples in −1..1 of full scale).' })
export class Waveform {
  @Field(() => Int, { description: 'Columns across the window: as many as asked for, or one per 10 ms when the window holds fewer.' })
  columns!: number;

  @Field(() => Float, { description: 'Seconds each column spans.' })
  secondsPerColumn!: number;

  @Field({ description: 'Lowest sample of each column: base64 of `columns` little-endian float32.' })
  min!: string;

  @Field({ description: 'Highest sample of each column: base64 of `columns` little-endian float32.' })
  max!: string;

  @Field({ description: 'RMS of each column: base64 of `columns` little-endian float32.' })
  rms!: string;
}

@ObjectType({
  description:
    'A log-magnitude mel spectrogram of a window: a Hann-windowed FFT of fftSize samples every hopSeconds, each frame centred on its hop, mean power in `bands` triangular mel bands from 0 Hz to maxHz; in columns of equal length, each band the loudest level of the hops a column covers.',
})
export class Spectrogram {
  @Field(() => Int, { description: 'Columns across the window: as many as asked for, or one per hop when the window holds fewer.' })
  columns!: number;

  @Field(() => Float, { description: 'Seconds each column spans.' })
  secondsPerColumn!: number;

  @Field(() => Int, { description: 'Mel bands per column (lowest frequency first).' })
  bands!: number;

  @Field(() => Float, { description: 'Top of the highest band, Hz.' })
  maxHz!: number;

  @Field(() => Int, { description: 'Samples per FFT frame at 24 kHz.' })
  fftSize!: number;

  @Field(() => Float, { description: 'Seconds between FFT frames.' })
  hopSeconds!: number;

  @Field(() => Float, { description: 'Level of byte 0, dB relative to a full-scale sine.' })
  floorDb!: number;

  @Field(() => Float, { description: 'dB per byte step: byte b is floorDb + b × stepDb.' })
  stepDb!: number;

  @Field({ description: 'Levels: base64 of columns × bands bytes, column after column, each column lowest band first.' })
  levels!: string;
}

@ObjectType({ description: 'A window of an audio\'s original sound, summarised for drawing beside its codes; the window starts and ends with token frames.' })
export class AudioSignal {
  @Field(() => ID)
  audioId!: string;

  @Field(() => Int, { description: 'First frame of the window (0-based).' })
  startFrame!: number;

  @Field(() => Int, { description: 'Frames in the window (fewer than asked at the end of the audio).' })
  frameCount!: number;

  @Field(() => Float, { description: 'startFrame × 0.08 s.' })
  startSeconds!: number;

  @Field(() => Float, { description: '(startFrame + frameCount) × 0.08 s.' })
  endSeconds!: number;

  @Field(() => Waveform)
  waveform!: Waveform;

  @Field(() => Spectrogram)
  spectrogram!: Spectrogram;
}
