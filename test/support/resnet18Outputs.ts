/**
 * The output keys and shapes of torchvision's ResNet-18 at 224x224, in run order (a block's
 * second ReLU call is `relu#2`): the sizes the feature-map messages must fit, for the
 * budget test and the message benchmark alike.
 */
export function resnet18OutputShapes(): [key: string, shape: number[]][] {
  const outputs: [string, number[]][] = [];
  const add = (key: string, shape: number[]): void => void outputs.push([key, shape]);
  for (const key of ['conv1', 'bn1', 'relu']) add(key, [1, 64, 112, 112]);
  add('maxpool', [1, 64, 56, 56]);
  [64, 128, 256, 512].forEach((channels, stage) => {
    const size = 56 >> stage;
    for (let block = 0; block < 2; block++) {
      const prefix = `layer${stage + 1}.${block}`;
      for (const key of ['conv1', 'bn1', 'relu', 'conv2', 'bn2']) add(`${prefix}.${key}`, [1, channels, size, size]);
      if (stage > 0 && block === 0) for (const key of ['downsample.0', 'downsample.1']) add(`${prefix}.${key}`, [1, channels, size, size]);
      add(`${prefix}.relu#2`, [1, channels, size, size]);
    }
  });
  add('avgpool', [1, 512, 1, 1]);
  add('fc', [1, 1000]);
  return outputs;
}
