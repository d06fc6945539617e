/**
 * `conv-inspector preview FILE [--image IMG] [--weights W] [--model NAME] --out DIR`:
 * one PNG grid of channel thumbnails per layer (`DIR/<index>_<path>.png`) and `strip.png`
 * (one channel of every layer along the graph's main path), from the bundled sample image or the user's picture.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { featureMapPngs } from '../engine/kernels/computeFeatureMaps';
import { defaultActivationBudgetMb } from '../engine/kernels/memoryBudget';
import { decodeImage } from '../engine/image/decodeImage';
import { encodeRgbaPng, renderLayerStrip } from '../engine/image/featureGrid';
import { prepareInput } from '../engine/image/prepareInput';
import { checkBudget, FeatureMapInputError, fileSafePath, imageInputSpec } from '../featureMaps/modelLayers';
import { pictureTensor } from '../engine/image/channelsFirst';
import { mainPath } from '../engine/graph/mainPath';
import { loadModel, readBinaryFile, runModel, type FeatureRunOptions } from './runDump';

/** The sample picture shipped in media/ (the bundle lives in dist/). */
export const sampleImagePath = join(__dirname, '..', 'media', 'sample.png');

/** `preview ... --out DIR`: exit 0 (a run that stopped at a branch still writes what it computed, with a note). */
export async function runPreview(files: string[], options: FeatureRunOptions & { image?: string; out?: string; input?: readonly number[] }): Promise<number> {
  if (files.length !== 1) throw new FeatureMapInputError('preview takes exactly one FILE');
  if (!options.out) throw new FeatureMapInputError('preview needs --out DIR');
  const { model, plan } = await loadModel(files[0], { ...options, inputShape: options.input });
  const spec = imageInputSpec(model);
  // Refuse before decoding and resizing the image: a huge input would cost seconds first.
  checkBudget([1, spec.channels, spec.height, spec.width], plan.layers, options.budgetMb ?? defaultActivationBudgetMb);
  const imagePath = options.image ?? sampleImagePath;
  const prepared = prepareInput(decodeImage(await readBinaryFile(imagePath, 'image'), basename(imagePath)), spec);
  const { result, notes } = await runModel(plan, prepared.tensor, options);
  mkdirSync(options.out, { recursive: true });
  const written: string[] = [];
  // Channels-last (NHWC) maps are drawn channel by channel like NCHW ones.
  const pictures = new Map([...result.outputs].map(([key, tensor]) => [key, pictureTensor(tensor, plan.graph?.layout)]));
  const pngs = featureMapPngs(pictures);
  const digits = String(Math.max(pngs.size - 1, 0)).length;
  [...pngs].forEach(([path, png], index) => {
    const target = join(options.out as string, `${String(index).padStart(digits, '0')}_${fileSafePath(path)}.png`);
    writeFileSync(target, png);
    written.push(target);
  });
  // The strip follows the graph's main path (every output without a graph).
  const stripKeys = plan.graph ? mainPath(plan.graph).map((node) => node.id) : [...pictures.keys()];
  const stripTensors = stripKeys.flatMap((key) => pictures.get(key) ?? []);
  if (stripTensors.length > 0) {
    const strip = renderLayerStrip(stripTensors);
    const target = join(options.out, 'strip.png');
    writeFileSync(target, encodeRgbaPng(strip.width, strip.height, strip.rgba));
    written.push(target);
  }
  process.stdout.write(`model '${model.name}', input [${prepared.tensor.shape.join(', ')}] from ${options.image ? imagePath : 'the bundled sample image'}\n`);
  for (const target of written) process.stdout.write(`wrote ${target}\n`);
  for (const note of [...prepared.notes.map((n) => `image: ${n}`), ...notes]) process.stdout.write(`note: ${note}\n`);
  return 0;
}
