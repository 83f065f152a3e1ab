"""Check `rnnc run` against PyTorch on random sizes, layers and directions not in the repository.

    /usr/bin/python3 golden/check_against_torch.py [SEED] [TRIALS] [--grad]

First TRIALS rnn/lstm/gru models against torch.nn: saves each model's own state_dict and
inputs as safetensors and runs `node bin/rnnc.js run` on them. Then TRIALS // 3 (at least 1)
rounds of the whole models of golden/models/ (the attention decoders, the packed bidirectional
LSTM, the feed-forward block, the encoder-decoder, the taggers, the positional embeddings,
multi-head self-attention causal and not, the recurrences linear in their state),
each with every compile-time size, run-time size and length drawn small (often 1), against
the float64 reference of golden/make_model_goldens.py. Prints the largest absolute difference
per case. With --grad it runs `rnnc grad` with random seed gradients instead and prints the
largest relative error (max |error| over max |value|, per tensor, the value floored at 1e-6
as in the tests) against torch.autograd; for the whole models, a gradient may be off by up to
4x PyTorch's own float32 error where that is more than 1e-3 (float32 cannot do better there).
Exits 1 if any case fails or is over 1e-4 (1e-3 relative with --grad). The same SEED gives
the same sizes and tensors. Needs Debian's python3-torch.
"""
import json, os, random, struct, subprocess, sys, tempfile
import torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_model_goldens import cases, reference  # the model cases, at random sizes here
def write_st(path, tensors):
    header, off, blobs = {}, 0, []
    for k, t in tensors.items():
        b = t.detach().contiguous().float().numpy().tobytes()
        header[k] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
        off += len(b); blobs.append(b)
    h = json.dumps(header).encode(); h += b" " * ((8 - len(h) % 8) % 8)
    open(path, "wb").write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
def read_st(path):
    d = open(path, "rb").read(); n = struct.unpack("<Q", d[:8])[0]; h = json.loads(d[8:8+n]); out = {}
    for k, v in h.items():
        if k == "__metadata__": continue
        a, b = v["data_offsets"]; out[k] = torch.frombuffer(bytearray(d[8+n+a:8+n+b]), dtype=torch.float32).reshape(v["shape"])
    return out
grad_mode = "--grad" in sys.argv
args = [a for a in sys.argv[1:] if a != "--grad"]
seed = int(args[0]) if len(args) > 0 else 5
random.seed(seed)
torch.manual_seed(seed)  # the same sizes and the same tensors on every run
trials = int(args[1]) if len(args) > 1 else 9
tolerance = 1e-3 if grad_mode else 1e-4
tmp = tempfile.mkdtemp()
path = lambda name: os.path.join(tmp, name)
worst_all = 0
def check(label, cell, sizes, ref, extra, allowed=None):
    """Run rnnc on the files in tmp, print its largest error against ref and count it in worst_all
    (as a multiple of the tolerance allowed for each tensor, when that is more than `tolerance`)."""
    global worst_all
    r = subprocess.run(["node", "bin/rnnc.js", "grad" if grad_mode else "run", cell, "--weights", path("w.safetensors"), "--inputs", path("in.safetensors"), "--out", path("out.safetensors")] + extra + sum([["--set", f"{k}={v}"] for k, v in sizes.items()], []), capture_output=True, text=True)
    out = {} if r.returncode else read_st(path("out.safetensors"))
    missing = sorted(set(ref) - set(out))
    if r.returncode or missing:
        print(label, "failed:", r.stderr if r.returncode else f"no {missing} in the output")
        worst_all = float("inf")
        return
    if grad_mode:
        # relative to the tensor's largest value, floored at 1e-6 as the tests do: a gradient that is
        # zero in exact arithmetic (a layer norm over one feature) leaves rounding noise only
        errs = {k: ((out[k].double() - v.double()).abs().max() / v.double().abs().max().clamp(min=1e-6)).item() for k, v in ref.items()}
    else:
        errs = {k: (out[k].double() - v.double()).abs().max().item() for k, v in ref.items()}
    allowed = allowed or {}
    limit = {k: max(tolerance, allowed.get(k, 0)) for k in errs}
    name = max(errs, key=lambda k: errs[k] / limit[k])
    worst_all = max(errs[name] * tolerance / limit[name], worst_all)
    over = f" (in {name})" if errs[name] > limit[name] else ""  # which tensor, where it fails
    own = f" (float32 itself: {allowed[name] / 4:.2e})" if limit[name] > tolerance else ""
    print(label, f"max {'relative' if grad_mode else 'abs'} err {errs[name]:.2e}{over}{own}")
for trial in range(trials):
    kind = ["rnn", "lstm", "gru"][trial % 3]
    I, H, L, D, T, B = random.randint(1, 40), random.randint(1, 70), random.randint(1, 3), random.randint(1, 2), random.randint(1, 30), random.randint(1, 9)
    cls = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
    m = cls(I, H, num_layers=L, bidirectional=D == 2)
    x = torch.randn(T, B, I); h0 = torch.randn(L * D, B, H); c0 = torch.randn(L * D, B, H)
    write_st(path("w.safetensors"), m.state_dict())
    ins = {"x": x, "h0": h0}
    if kind == "lstm": ins["c0"] = c0
    write_st(path("in.safetensors"), ins)
    leaves = {k: v.clone().requires_grad_(True) for k, v in ins.items()}
    y, hn = m(leaves["x"], (leaves["h0"], leaves["c0"]) if kind == "lstm" else leaves["h0"])
    ref = {"y": y}
    if kind == "lstm": ref["h_n"], ref["c_n"] = hn
    else: ref["h_n"] = hn
    extra = []
    if grad_mode:
        seeds = {k: torch.randn(v.shape) for k, v in ref.items()}
        write_st(path("seeds.safetensors"), seeds)
        wrt = dict(m.named_parameters()) | leaves
        grads = torch.autograd.grad(sum((v * seeds[k]).sum() for k, v in ref.items()), list(wrt.values()))
        ref = dict(zip(wrt.keys(), grads))
        extra = ["--seed-grads", path("seeds.safetensors")]
    ref = {k: v.detach() for k, v in ref.items()}
    check(f"{kind} {dict(I=I, H=H, L=L, D=D, T=T, B=B)}", f"dsl-examples/{kind}.cell", dict(I=I, H=H, L=L, D=D), ref, extra)
def float32_error(case, files):
    """Per gradient, 4x the relative error of PyTorch's own float32 gradients against the float64
    reference: at some sizes (a layer norm over two features) float32 itself cannot do better
    than 1e-3, and rnnc is held to what float32 can do there."""
    p = {k: v.clone().requires_grad_(True) for k, v in files["weights"].items()}
    leaves = {k: v.clone().requires_grad_(k in files["grads"]) for k, v in files["inputs"].items()}
    out = case["model"]({**p, **leaves})
    wrt = {k: v for k, v in {**p, **leaves}.items() if k in files["grads"]}
    got = torch.autograd.grad(sum((out[k] * files["seeds"][k]).sum() for k in out), list(wrt.values()), allow_unused=True)
    ref = files["grads"]
    return {k: 4 * ((g if g is not None else torch.zeros_like(wrt[k])).double() - ref[k]).abs().max().item() / ref[k].abs().max().clamp(min=1e-6).item() for k, g in zip(wrt, got)}
rng = random.Random(seed)
for rnd in range(max(1, trials // 3)):
    for i, case in enumerate(cases(rng)):
        files = reference(case, seed=1000 * seed + 100 * rnd + i)  # float32 tensors, float64 references
        text = open(case["file"]).read()
        for a, b in case.get("replace", []):
            assert a in text, (a, case["file"]); text = text.replace(a, b)
        cell = path(os.path.basename(case["file"]))  # the same name, for readable messages
        open(cell, "w").write(text)
        write_st(path("w.safetensors"), files["weights"]); write_st(path("in.safetensors"), files["inputs"])
        extra = []
        if grad_mode:
            write_st(path("seeds.safetensors"), files["seeds"])
            extra = ["--seed-grads", path("seeds.safetensors")]
        lengths = {n: how[1] for n, _, how in case["inputs"] if how[0] == "lengths"}
        allowed = float32_error(case, files) if grad_mode else None
        check(f"{case['name']} {case['sizes'] | case['runtime']} {lengths}", cell, case["sizes"], files["grads" if grad_mode else "outputs"], extra, allowed)
print("worst", worst_all)
sys.exit(0 if worst_all <= tolerance else 1)
