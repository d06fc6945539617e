/**
 * Keras 3's audio front ends: STFTSpectrogram (a strided 1-D convolution of each channel with
 * fixed real / imaginary Fourier kernels, which are its weights) and MelSpectrogram (an FFT
 * and a mel filter bank, no weights). Shapes, weights and constructor checks as Keras makes them.
 */
import type { EngineIssue, ExactCount, ParamTensor, Shape } from '../types';
import { multiplyCounts, UNKNOWN_COUNT } from '../exactCount';
import type { TfLayer } from './layerModel';
import { channelsFirstArg, convOutputLength, issue, numpyArray, pyTuple, rankMismatch, requiredIntArg } from './layerModel';
import type { FamilyResult } from './familyResult';
import { dataFormatIssue, pyStr } from './kerasArgs';
import { kerasShapeTuple } from './kerasChecks';

/** True for the classes this file models. */
export function isKerasAudioKind(kind: string): boolean {
  return kind === 'STFTSpectrogram' || kind === 'MelSpectrogram';
}

const stftModes = ['log', 'magnitude', 'psd', 'real', 'imag', 'angle', 'stft'];
/** scipy's window names (scipy 1.10, which `scipy.signal.get_window` checks the `window` against). */
const scipyWindows = new Set(
  'bart barthann bartlett bkh black blackharr blackman blackmanharris blk bman bmn bohman box boxcar brt brthan bth cosine exponential flat flattop flt halfcosine ham hamm hamming han hann lanczos nut nutl nuttall ones par parz parzen poisson rect rectangular sinc taylor taylorwin tri triang triangle tuk tukey'.split(
    ' ',
  ),
);
const parameterisedWindows = new Set([
  'cheb',
  'chebwin',
  'dpss',
  'gauss',
  'gaussian',
  'general cosine',
  'general gauss',
  'general gaussian',
  'general hamming',
  'general_cosine',
  'general_gauss',
  'general_gaussian',
  'general_hamming',
  'ggs',
  'gss',
  'kaiser',
  'kaiser bessel derived',
  'kbd',
  'ksr',
]);

const fail = (message: string, arg: string): EngineIssue[] => [issue('error', 'tf.bad-audio-arg', message, arg)];

function stftConstructorIssues(layer: TfLayer): EngineIssue[] {
  const { args } = layer;
  const frameLength = requiredIntArg(args, 'frame_length');
  const step = args.frame_step;
  if (typeof step === 'number' && (step > frameLength || step < 1)) {
    return fail(`\`frame_step\` should be a positive integer not greater than \`frame_length\`. Received frame_step=${step}, frame_length=${frameLength}`, 'frame_step');
  }
  if (typeof args.fft_length === 'number' && args.fft_length < frameLength) {
    return fail(`\`fft_length\` should be not less than \`frame_length\`. Received fft_length=${args.fft_length}, frame_length=${frameLength}`, 'fft_length');
  }
  if (typeof args.mode === 'string' && !stftModes.includes(args.mode)) {
    return fail(`Output mode is invalid, it must be one of ${stftModes.join(', ')}. Received: mode=${args.mode}`, 'mode');
  }
  if (typeof args.scaling === 'string' && args.scaling !== 'density' && args.scaling !== 'spectrum') {
    return fail(`Scaling is invalid, it must be \`None\`, 'density' or 'spectrum'. Received scaling=${args.scaling}`, 'scaling');
  }
  if (typeof args.padding === 'string' && args.padding !== 'valid' && args.padding !== 'same') {
    return fail(`Padding is invalid, it should be 'valid', 'same'. Received: padding=${args.padding}`, 'padding');
  }
  const window = args.window;
  if (typeof window === 'string' && parameterisedWindows.has(window)) return fail(`The '${window}' window needs one or more parameters -- pass a tuple.`, 'window');
  if (typeof window === 'string' && !scipyWindows.has(window)) return fail('Unknown window type.', 'window');
  const format = dataFormatIssue(layer.args);
  return format ? [format] : [];
}

/** The first error Keras raises in the constructor, if any. */
export function kerasAudioConstructorIssues(layer: TfLayer): EngineIssue[] {
  if (layer.kind === 'STFTSpectrogram') return stftConstructorIssues(layer);
  const fftLength = requiredIntArg(layer.args, 'fft_length');
  const given = layer.args.sequence_length;
  const sequenceLength = typeof given === 'number' && given !== 0 ? given : fftLength;
  if (fftLength >= sequenceLength) return [];
  return fail(
    `\`fft_length\` must be greater than or equal to   \`sequence_length\`. Received: \`sequence_length\`=${sequenceLength}, \`fft_length\`=${fftLength}.`,
    'sequence_length',
  );
}

function applyStft(layer: TfLayer, input: Shape): FamilyResult {
  if (input.length !== 3) return { output: null, steps: null, issues: [rankMismatch(layer, 3, input)] };
  const { args } = layer;
  const channelsFirst = channelsFirstArg(args);
  const frameLength = requiredIntArg(args, 'frame_length');
  const step = typeof args.frame_step === 'number' && args.frame_step !== 0 ? args.frame_step : Math.floor(frameLength / 2);
  const fftLength = typeof args.fft_length === 'number' && args.fft_length !== 0 ? args.fft_length : 2 ** Math.ceil(Math.log2(frameLength));
  const padding = args.padding === 'same' ? 'same' : 'valid';
  const mode = pyStr(args.mode);
  const bins = Math.floor(fftLength / 2) + 1;
  const freq = mode === 'stft' ? 2 * bins : bins;
  const channels = channelsFirst ? input[1] : input[2];
  const frames = channelsFirst ? input[2] : input[1];
  const time = convOutputLength(frames, frameLength, padding, step, 1);
  if (time <= 0) {
    const kernel = pyTuple([frameLength, channels, freq * channels].map((d) => (Number.isNaN(d) ? 'None' : String(d))));
    const message = `Computed output size would be zero or negative. Received \`inputs shape=${kerasShapeTuple(input)}\`, \`kernel shape=${kernel}\`, \`dilation_rate=${numpyArray([1])}\`, \`strides=${pyTuple([step])}\`, \`padding=${padding}\`.`;
    return { output: null, steps: null, issues: [issue('error', 'tf.negative-output', message)] };
  }
  let output: Shape;
  if (args.expand_dims === true) output = channelsFirst ? [input[0], channels, time, freq] : [input[0], time, freq, channels];
  else output = channelsFirst ? [input[0], freq * channels, time] : [input[0], time, freq * channels];
  const kernels = ['real', 'imag'].filter((part) => mode !== (part === 'real' ? 'imag' : 'real'));
  const paramTensors: ParamTensor[] = kernels.map((part) => ({ name: `${part}_kernel`, shape: [frameLength, 1, bins], trainable: true }));
  // Each kernel is convolved with every channel: one MAC per kernel weight per output frame.
  const macs: ExactCount = multiplyCounts(input[0], channels, time, frameLength, bins, kernels.length);
  return { output, macs, steps: null, issues: [], paramTensors };
}

function applyMel(layer: TfLayer, input: Shape): FamilyResult {
  const stride = requiredIntArg(layer.args, 'sequence_stride');
  const bins = requiredIntArg(layer.args, 'num_mel_bins');
  const frames = (n: number): number => Math.floor((n + stride + 1) / stride);
  const output = input.length === 1 ? [bins, frames(input[0])] : [input[0], bins, frames(input[1])];
  // An FFT and a filter-bank product: Conv Inspector does not count them.
  return { output, macs: UNKNOWN_COUNT, steps: null, issues: [] };
}

/** Applies one of this file's layers (see `isKerasAudioKind`). */
export function applyKerasAudio(layer: TfLayer, input: Shape): FamilyResult {
  return layer.kind === 'STFTSpectrogram' ? applyStft(layer, input) : applyMel(layer, input);
}
