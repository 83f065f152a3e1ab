// The Python helpers an exported module may call, each one definition; module.ts writes only
// those its code (and the helpers it keeps) names. Their meaning is the IR rows' (ir/ops/) and
// the runtime's (the seeded generator, dropout's hash), so numbers match rnnc's.

export const helpers: Record<string, string> = {
  rnnc_imul: `
def rnnc_imul(a, b):
    """The low 32 bits of a * b for unsigned 32-bit numbers (ints, or int64 tensors: no overflow)."""
    return (a * (b & 0xFFFF) + (((a * (b >> 16)) & 0xFFFF) << 16)) & 0xFFFFFFFF`,

  rnnc_hash: `
def rnnc_hash(x):
    """The integer hash behind rnnc's dropout masks."""
    x = x ^ (x >> 16)
    x = rnnc_imul(x, 0x7FEB352D)
    x = x ^ (x >> 15)
    x = rnnc_imul(x, 0x846CA68B)
    return x ^ (x >> 16)`,

  rnnc_dropout: `
def rnnc_dropout(x, seed, active, p, salt, batch_axis=None, streams=None):
    """rnnc's dropout: element i is kept, as x / (1 - p), where a hash of (seed, salt, i) draws at
    least p. With \`streams\` (first, total), x holds streams first... of a batch of \`total\` along
    \`batch_axis\` (a batch split over processes), and its masks are those of the whole batch."""
    if not bool(active):
        return x
    mixed = rnnc_hash((rnnc_imul(int(seed) & 0xFFFFFFFF, 0x9E3779B9) + salt) & 0xFFFFFFFF)
    shape = list(x.shape)
    if streams is None or batch_axis is None:
        index = torch.arange(x.numel(), dtype=torch.int64, device=x.device).reshape(shape)
    else:
        whole = shape[:batch_axis] + [streams[1]] + shape[batch_axis + 1 :]
        index = torch.arange(math.prod(whole), dtype=torch.int64, device=x.device).reshape(whole)
        index = index.narrow(batch_axis, streams[0], shape[batch_axis])
    draw = rnnc_hash(index ^ mixed).double() / 4294967296.0
    return x * (draw >= p).to(x.dtype) / (1 - p)`,

  rnnc_draws: `
def rnnc_draws(seed, first, count):
    """Draws first + 1 to first + count of rnnc's seeded generator (mulberry32), in [0, 1), float64."""
    n = torch.arange(first + 1, first + count + 1, dtype=torch.int64)
    t = (((seed & 0xFFFFFFFF) ^ 0x9E3779B9) + n * 0x6D2B79F5) & 0xFFFFFFFF
    t = rnnc_imul(t ^ (t >> 15), t | 1)
    t = t ^ ((t + rnnc_imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF)
    return (t ^ (t >> 14)).double() / 4294967296.0`,

  rnnc_scan: `
def rnnc_scan(step, carries, sequences, invariants, length, stacked=(), reverse=False, **sizes):
    """A time loop. step(*carries, *(x[t] for x in sequences), *invariants) returns the carries'
    next values, then per-step outputs. Returns the final carries, then the step outputs
    numbered in \`stacked\`, each stacked over time."""
    # Split once: the gradient of x[t] would be a whole zero sequence for every step.
    steps = [x.unbind(0) for x in sequences]
    kept = [[] for _ in stacked]
    for t in range(length - 1, -1, -1) if reverse else range(length):
        out = step(*carries, *(x[t] for x in steps), *invariants, **sizes)
        carries = out[: len(carries)]
        for values, i in zip(kept, stacked):
            values.append(out[i])
    return (*carries, *(torch.stack(values[::-1] if reverse else values) for values in kept))`,

  rnnc_step: `
def rnnc_step(x):
    return (x > 0).to(x.dtype)`,

  rnnc_equal: `
def rnnc_equal(a, b):
    return (a == b).to(a.dtype)`,

  rnnc_masked: `
def rnnc_masked(x, mask, fill):
    """x where the mask is 1, \`fill\` where it is 0."""
    return torch.where(mask > 0.5, x, torch.tensor(fill, dtype=x.dtype, device=x.device))`,

  rnnc_outer_sum: `
def rnnc_outer_sum(a, b):
    """The sum over the leading axes of a ⊗ b: [N, K]."""
    return a.reshape(-1, a.shape[-1]).T @ b.reshape(-1, b.shape[-1])`,

  rnnc_outer_step: `
def rnnc_outer_step(a, b):
    """One step's term of an outer sum, per example, k leading: [K, ..., N]."""
    return torch.movedim(b, -1, 0).unsqueeze(-1) * a`,

  rnnc_sum_to: `
def rnnc_sum_to(x, shape):
    """x summed down to \`shape\`, undoing broadcasting."""
    x = x.sum(tuple(range(x.dim() - len(shape)))) if x.dim() > len(shape) else x
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and x.shape[i] != 1)
    return x.sum(axes, keepdim=True) if axes else x`,

  rnnc_pad: `
def rnnc_pad(x, axis, start, size):
    """x placed at \`start\` along \`axis\` in zeros \`size\` wide."""
    before = list(x.shape)
    after = list(x.shape)
    before[axis] = start
    after[axis] = size - start - x.shape[axis]
    return torch.cat((x.new_zeros(before), x, x.new_zeros(after)), axis)`,

  rnnc_scatter_add: `
def rnnc_scatter_add(g, ids, size):
    """Each row of g added at its id: [size, E]."""
    rows = g.reshape(-1, g.shape[-1])
    return rows.new_zeros(size, rows.shape[1]).index_add(0, ids.reshape(-1).long(), rows)`,

  rnnc_pick: `
def rnnc_pick(x, ids):
    """x at each id along its last axis."""
    return x.gather(-1, ids.long().unsqueeze(-1)).squeeze(-1)`,

  rnnc_unpick: `
def rnnc_unpick(g, ids, size):
    """g at each id of a new last axis \`size\` wide, zeros elsewhere."""
    return torch.nn.functional.one_hot(ids.long(), size).to(g.dtype) * g.unsqueeze(-1)`,

  rnnc_length_mask: `
def rnnc_length_mask(lengths, extent):
    """[extent, *lengths.shape]: 1 at the steps before each length, 0 after."""
    steps = torch.arange(extent, device=lengths.device).reshape(extent, *([1] * lengths.dim()))
    return (steps < lengths).to(lengths.dtype if lengths.is_floating_point() else torch.get_default_dtype())`,

  rnnc_positions: `
def rnnc_positions(ids):
    """t at every entry of row t."""
    steps = torch.arange(ids.shape[0], device=ids.device).reshape(-1, *([1] * (ids.dim() - 1)))
    return steps.expand(ids.shape)`,

  rnnc_causal_mask: `
def rnnc_causal_mask(steps, extent, offset=0):
    """[T, extent]: row t is 1 at the positions up to t + offset, 0 after."""
    t = torch.arange(steps.shape[0], device=steps.device).unsqueeze(1)
    s = torch.arange(extent, device=steps.device).unsqueeze(0)
    return (s <= t + int(offset)).to(torch.get_default_dtype())`,

  rnnc_overwrite: `
def rnnc_overwrite(cache, rows, offset, axis):
    """The cache with its positions offset.. along \`axis\` replaced by the rows."""
    first, count = int(offset), rows.shape[axis]
    rest = cache.shape[axis] - first - count
    return torch.cat((cache.narrow(axis, 0, first), rows, cache.narrow(axis, first + count, rest)), axis)`,

  rnnc_size: `
def rnnc_size(name, *found):
    """A run-time size from the first given input that has it: (tensor or None, axis) pairs."""
    for tensor, axis in found:
        if tensor is not None:
            return tensor.shape[axis]
    raise ValueError(f"size {name} is not known: give an input whose shape sets it")`,

  rnnc_check: `
def rnnc_check(name, tensor, shape):
    """A given input must have its declared shape."""
    if tensor is not None and tuple(tensor.shape) != tuple(shape):
        raise ValueError(f"input '{name}' has shape {list(tensor.shape)}; the model expects {list(shape)}")`,

  load_safetensors: `
def load_safetensors(path):
    """The float32 tensors of a safetensors file, by name (what rnnc writes and reads)."""
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        if spec["dtype"] != "F32":
            raise ValueError(f"{path}: tensor '{name}' is {spec['dtype']}; rnnc reads F32")
        begin, end = spec["data_offsets"]
        raw = bytearray(data[8 + length + begin : 8 + length + end])
        tensors[name] = torch.frombuffer(raw, dtype=torch.float32).reshape(spec["shape"]) if raw else torch.zeros(spec["shape"])
    return tensors`,

  save_safetensors: `
def save_safetensors(path, tensors, metadata=None):
    """Tensors as a float32 safetensors file, by name."""
    header, blobs, offset = {}, [], 0
    for name, tensor in tensors.items():
        blob = tensor.detach().to("cpu", torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))`,
};

/** The helpers `code` names, with those they name in turn, in the table's order. */
export function helpersFor(code: string): string[] {
  const kept = new Set<string>();
  let text = code;
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, source] of Object.entries(helpers))
      if (!kept.has(name) && new RegExp(`\\b${name}\\(`).test(text)) {
        kept.add(name);
        text += source;
        grew = true;
      }
  }
  return Object.keys(helpers).filter((n) => kept.has(n));
}
