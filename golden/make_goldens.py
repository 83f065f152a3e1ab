"""Generate PyTorch reference ("golden") files for the rnnc compiler tests.

Run from the repository root (needs PyTorch, e.g. Debian's python3-torch):

    /usr/bin/python3 golden/make_goldens.py

For every kind in {rnn, lstm, gru}, layers L in {1, 2} and directions D in {1, 2}
(D=2: bidirectional) it builds the case `{kind}_L{L}_D{D}` with I=5, H=7, T=6, B=3,
plus one larger case `{kind}_big` (I=16, H=32, L=2, D=2, T=20, B=4), and writes to
golden/torch/:

    {case}.weights.safetensors             model.state_dict(), PyTorch names, F32
    {case}.inputs.safetensors              x [T,B,I], h0 [L*D,B,H] (+ c0 for lstm), F32
    {case}.outputs.safetensors             y [T,B,D*H], h_n (+ c_n), F64, with h0/c0 given
    {case}.outputs_zero_state.safetensors  same, F64, no initial state (zeros)
    {case}.seeds.safetensors               random seed gradients per output name, F32
    {case}.grads.safetensors               F64 d(sum_k out_k * seed_k)/d(every parameter
                                           and every input x, h0, c0), with h0/c0 given
    index.json                             list of cases with sizes and seeds

Weights and inputs are generated in float32 and the reference is computed in float64
from those exact values. Output is deterministic (re-running gives identical bytes).
"""
import json
import os
import struct

import torch

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch")
MODELS = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
DTYPES = {torch.float32: ("F32", "<f4"), torch.float64: ("F64", "<f8")}


def write_safetensors(path, tensors, metadata=None):
    """Minimal safetensors writer: tensors is an ordered dict name -> tensor."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    for name, t in tensors.items():
        dtype, np_dtype = DTYPES[t.dtype]
        data = t.detach().contiguous().numpy().astype(np_dtype).tobytes()  # C order, little-endian
        header[name] = {"dtype": dtype, "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)) + head + b"".join(blobs))


def run(model, x, state):
    """Returns the outputs dict (y, h_n[, c_n]) for a float64 model."""
    y, hn = model(x, state) if state is not None else model(x)
    if isinstance(hn, tuple):
        return {"y": y, "h_n": hn[0], "c_n": hn[1]}
    return {"y": y, "h_n": hn}


def make_case(name, kind, I, H, L, D, T, B, seed):
    torch.manual_seed(seed)
    model = MODELS[kind](I, H, num_layers=L, bidirectional=(D == 2))  # float32 default init
    x = torch.randn(T, B, I)
    inputs = {"x": x, "h0": torch.randn(L * D, B, H)}
    if kind == "lstm":
        inputs["c0"] = torch.randn(L * D, B, H)
    weights = {k: v.clone() for k, v in model.state_dict().items()}

    model = model.double()
    leaves = {k: v.double().requires_grad_(True) for k, v in inputs.items()}
    state = (leaves["h0"], leaves["c0"]) if kind == "lstm" else leaves["h0"]
    outputs = run(model, leaves["x"], state)
    seeds = {k: torch.randn(v.shape) for k, v in outputs.items()}
    loss = sum((outputs[k] * seeds[k].double()).sum() for k in outputs)
    params = dict(model.named_parameters())
    wrt = {**params, **leaves}
    grads = dict(zip(wrt, torch.autograd.grad(loss, list(wrt.values()))))
    with torch.no_grad():
        zero_state = run(model, leaves["x"].detach(), None)

    meta = {"name": name, "kind": kind, "I": I, "H": H, "L": L, "D": D, "T": T, "B": B, "seed": seed}
    files = {"weights": weights, "inputs": inputs, "outputs": outputs,
             "outputs_zero_state": zero_state, "seeds": seeds, "grads": grads}
    for suffix, tensors in files.items():
        write_safetensors(os.path.join(OUT_DIR, f"{name}.{suffix}.safetensors"), tensors, meta)
    return meta


def write_index(out_dir, index):
    """index.json: what each case is, for the tests to find its files."""
    with open(os.path.join(out_dir, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")
    print(f"wrote {len(index)} cases to {out_dir}")


def main():
    torch.set_num_threads(1)  # keep float64 reductions in a fixed order
    os.makedirs(OUT_DIR, exist_ok=True)
    cases = [(f"{kind}_L{L}_D{D}", kind, 5, 7, L, D, 6, 3)
             for kind in MODELS for L in (1, 2) for D in (1, 2)]
    cases += [(f"{kind}_big", kind, 16, 32, 2, 2, 20, 4) for kind in MODELS]
    write_index(OUT_DIR, [make_case(*case, seed=1000 + i) for i, case in enumerate(cases)])


if __name__ == "__main__":
    main()
