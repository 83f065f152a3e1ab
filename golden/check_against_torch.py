"""Check `rnnc run` against torch.nn on random sizes, layers and directions not in the repository.

    /usr/bin/python3 golden/check_against_torch.py [SEED] [TRIALS] [--grad]

Saves each model's own state_dict and inputs as safetensors, runs `node bin/rnnc.js run` on
them, and prints the largest absolute difference per case. With --grad it runs `rnnc grad`
with random seed gradients instead and prints the largest relative error (max |error| over
max |value|, per tensor) against torch.autograd. Needs Debian's python3-torch.
"""
import json, os, random, struct, subprocess, sys, tempfile
import torch
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
tmp = tempfile.mkdtemp()
path = lambda name: os.path.join(tmp, name)
worst_all = 0
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
    r = subprocess.run(["node", "bin/rnnc.js", "grad" if grad_mode else "run", f"dsl-examples/{kind}.cell", "--weights", path("w.safetensors"), "--inputs", path("in.safetensors"), "--out", path("out.safetensors")] + extra + sum([["--set", f"{k}={v}"] for k, v in dict(I=I, H=H, L=L, D=D).items()], []), capture_output=True, text=True)
    if r.returncode:
        print(kind, "failed:", r.stderr)
        worst_all = float("inf")
        continue
    out = read_st(path("out.safetensors"))
    if grad_mode:
        worst = max(((out[k] - v).abs().max() / v.abs().max().clamp(min=1e-30)).item() for k, v in ref.items())
    else:
        worst = max((out[k] - v).abs().max().item() for k, v in ref.items())
    worst_all = max(worst, worst_all)
    print(kind, dict(I=I, H=H, L=L, D=D, T=T, B=B), f"max {'relative' if grad_mode else 'abs'} err {worst:.2e}")
print("worst", worst_all)
sys.exit(0 if worst_all <= (1e-3 if grad_mode else 1e-4) else 1)
