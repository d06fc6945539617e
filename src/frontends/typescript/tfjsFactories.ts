/**
 * The `tf.layers.*` factory functions of TensorFlow.js and the layer class each creates
 * (the class name `getClassName()` reports and the engine's `kind`).
 */
const factoryToClass: Readonly<Record<string, string>> = {
  inputLayer: 'InputLayer',
  conv1d: 'Conv1D',
  conv2d: 'Conv2D',
  conv3d: 'Conv3D',
  conv2dTranspose: 'Conv2DTranspose',
  conv3dTranspose: 'Conv3DTranspose',
  depthwiseConv2d: 'DepthwiseConv2D',
  separableConv2d: 'SeparableConv2D',
  dense: 'Dense',
  flatten: 'Flatten',
  reshape: 'Reshape',
  dropout: 'Dropout',
  activation: 'Activation',
  spatialDropout1d: 'SpatialDropout1D',
  gaussianNoise: 'GaussianNoise',
  gaussianDropout: 'GaussianDropout',
  alphaDropout: 'AlphaDropout',
  masking: 'Masking',
  thresholdedReLU: 'ThresholdedReLU',
  prelu: 'PReLU',
  permute: 'Permute',
  repeatVector: 'RepeatVector',
  reLU: 'ReLU',
  leakyReLU: 'LeakyReLU',
  elu: 'ELU',
  softmax: 'Softmax',
  batchNormalization: 'BatchNormalization',
  layerNormalization: 'LayerNormalization',
  maxPooling1d: 'MaxPooling1D',
  maxPool1d: 'MaxPooling1D',
  maxPool2d: 'MaxPooling2D',
  maxPooling2d: 'MaxPooling2D',
  maxPooling3d: 'MaxPooling3D',
  averagePooling1d: 'AveragePooling1D',
  averagePooling2d: 'AveragePooling2D',
  averagePooling3d: 'AveragePooling3D',
  avgPool1d: 'AveragePooling1D',
  avgPool2d: 'AveragePooling2D',
  avgPool3d: 'AveragePooling3D',
  avgPooling1d: 'AveragePooling1D',
  avgPooling2d: 'AveragePooling2D',
  avgPooling3d: 'AveragePooling3D',
  globalAveragePooling1d: 'GlobalAveragePooling1D',
  globalAveragePooling2d: 'GlobalAveragePooling2D',
  globalMaxPooling1d: 'GlobalMaxPooling1D',
  globalMaxPooling2d: 'GlobalMaxPooling2D',
  globalMaxPool1d: 'GlobalMaxPooling1D',
  globalMaxPool2d: 'GlobalMaxPooling2D',
  upSampling2d: 'UpSampling2D',
  zeroPadding2d: 'ZeroPadding2D',
  cropping2D: 'Cropping2D',
  add: 'Add',
  average: 'Average',
  concatenate: 'Concatenate',
  maximum: 'Maximum',
  minimum: 'Minimum',
  multiply: 'Multiply',
  simpleRNN: 'SimpleRNN',
  lstm: 'LSTM',
  gru: 'GRU',
  embedding: 'Embedding',
  rescaling: 'Rescaling',
  centerCrop: 'CenterCrop',
  resizing: 'Resizing',
  randomWidth: 'RandomWidth',
  convLstm2d: 'ConvLSTM2D',
  dot: 'Dot',
  categoryEncoding: 'CategoryEncoding',
  rnn: 'RNN',
  convLstm2dCell: 'ConvLSTM2DCell',
  simpleRNNCell: 'SimpleRNNCell',
  lstmCell: 'LSTMCell',
  gruCell: 'GRUCell',
  stackedRNNCells: 'StackedRNNCells',
  bidirectional: 'Bidirectional',
  timeDistributed: 'TimeDistributed',
};

/** Layers tfjs has but the engine does not model: their class names (none in TF.js 4.22). */
const unmodelled: Readonly<Record<string, string>> = {};

/** The class name of a factory the engine does not model (for display), else the factory name. */
export function tfjsUnmodelledClass(factory: string): string {
  return Object.prototype.hasOwnProperty.call(unmodelled, factory) ? unmodelled[factory] : factory;
}

/** The class a `tf.layers.<factory>(...)` call creates, or undefined for factories the engine does not model. */
export function tfjsClassOfFactory(factory: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(factoryToClass, factory) ? factoryToClass[factory] : undefined;
}

/** Whether the engine has a rule for `tf.layers.<factory>` (shapes, params, errors); false stops the shapes. */
export function hasTfjsRule(factory: string): boolean {
  return tfjsClassOfFactory(factory) !== undefined;
}

/** tfjs's auto name prefix for a class: `Conv2D` -> `conv2d`, `BatchNormalization` -> `batch_normalization`. */
export function tfjsSnakeCase(className: string): string {
  // tfjs's generic_utils.toSnakeCase: insert _ before capitals that follow lower case or digits.
  const intermediate = className.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2');
  const insecure = intermediate.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return insecure[0] !== '_' ? insecure : `private${insecure}`;
}
