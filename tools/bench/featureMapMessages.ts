/**
 * Prints the size of the panel's feature-map messages for a ResNet-18-size run at 224x224
 * (torchvision's leaf outputs, random values: the sizes depend on shapes only) and the time
 * to build each: the selected layer's section (grid, strip, input) and a full-resolution zoom
 * page. `npm run bench:featureMapMessages`.
 */
import { performance } from 'node:perf_hooks';
import type { Tensor } from '../../src/engine/kernels/tensor';
import { FEATURE_MAP_MESSAGE_BYTES, messageBytes } from '../../src/panel/featureMapBudget';
import { buildFeatureMapZoom, buildFeatureMapsView } from '../../src/panel/featureMapView';
import { resnet18OutputShapes } from '../../test/support/resnet18Outputs';

function random(shape: number[]): Tensor {
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = Math.random() * 2 - 1;
  return { shape, data };
}

const outputs = resnet18OutputShapes().map(([key, shape]) => ({ key, tensor: random(shape) }));
const run = { outcome: { outputs, input: random([1, 3, 224, 224]), cancelled: false, reused: 0, notes: [], milliseconds: 0 } };
const layerPaths = outputs.map((output) => output.key.replace(/#\d+$/, ''));
const fullRgba = outputs.reduce((sum, { tensor }) => sum + tensor.data.length * 4, 0);

console.log(`ResNet-18 at 224x224: ${outputs.length} layer outputs; full-resolution RGBA of all of them: ${(fullRgba / 1e6).toFixed(1)} MB`);
console.log(`cap per message: ${FEATURE_MAP_MESSAGE_BYTES} bytes`);
console.log('layer                      shape                  section bytes  downsampled  build ms');
let largest = 0;
for (const [index, { key, tensor }] of outputs.entries()) {
  const started = performance.now();
  const view = buildFeatureMapsView(index, key, run, { layerPaths });
  const ms = performance.now() - started;
  const bytes = messageBytes({ type: 'featureMaps', view });
  largest = Math.max(largest, bytes);
  if (index < 5 || index % 8 === 0 || index >= outputs.length - 2) {
    console.log(
      `${key.padEnd(26)} ${`[${tensor.shape.join(', ')}]`.padEnd(22)} ${String(bytes).padStart(13)}  ${`1/${view.grid?.downsampled ?? '-'}`.padStart(11)}  ${ms.toFixed(1).padStart(8)}`,
    );
  }
}
console.log(`largest section message: ${largest} bytes`);
const started = performance.now();
const zoom = buildFeatureMapZoom('conv1', run, 0);
const zoomMs = performance.now() - started;
if (zoom) {
  console.log(
    `zoom page of conv1: channels ${zoom.firstChannel}-${zoom.firstChannel + zoom.channelsShown - 1} at 1/${zoom.downsampled}, ${messageBytes({ type: 'featureMapZoom', index: 0, grid: zoom })} bytes, ${zoomMs.toFixed(1)} ms`,
  );
}
