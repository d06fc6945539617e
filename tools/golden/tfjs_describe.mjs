// What the TF.js truth generators record of a model built by the real @tensorflow/tfjs:
// per layer (InputLayers left out) the name, class, output shape(s) without the batch,
// countParams() and the trainable weights' size; and the model's name and countParams().

/** Whether a value is a tfjs model (Sequential or functional LayersModel). */
export function isModel(value) {
  return value !== null && typeof value === 'object' && typeof value.countParams === 'function' && Array.isArray(value.layers);
}

/** The recorded truth of one model. */
export function describeModel(model) {
  const layers = model.layers
    .filter((layer) => layer.getClassName() !== 'InputLayer')
    .map((layer) => ({
      name: layer.name,
      className: layer.getClassName(),
      outputShape: Array.isArray(layer.outputShape[0]) ? layer.outputShape.map((s) => s.slice(1)) : layer.outputShape.slice(1),
      params: layer.countParams(),
      trainableParams: layer.trainableWeights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0),
    }));
  return { name: model.name, params: model.countParams(), layers };
}
