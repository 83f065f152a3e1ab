// Value and parameter names as plain identifiers, for kernel, region and WGSL names.

/** Letters, digits and _ only: h' -> h_next, rnn.weight_ih_l0 -> rnn_weight_ih_l0. */
export const plainName = (name: string) => name.replace(/'/g, "_next").replace(/[^A-Za-z0-9_]/g, "_");
