// Parameter names, as PyTorch's state_dict has them for a stack of layers and directions
// (weight_ih_l0, weight_ih_l1_reverse), after the call's prefix ("encoder."). Safetensors move
// between the two unchanged because of these names.

/** The suffix of layer `layer` (from 0), running backwards in time when `reverse`. */
export const layerSuffix = (layer: number, reverse: boolean) => `_l${layer}${reverse ? "_reverse" : ""}`;

/** A cell's parameter `name` in the layer with `suffix`, under the call's `prefix`. */
export const parameterName = (prefix: string, name: string, suffix: string) => `${prefix}${name}${suffix}`;
