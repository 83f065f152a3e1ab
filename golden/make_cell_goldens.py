"""Generate PyTorch reference ("golden") files for cells written in the .cell language.

Run from the repository root (needs PyTorch, e.g. Debian's python3-torch):

    /usr/bin/python3 golden/make_cell_goldens.py           # write the goldens
    /usr/bin/python3 golden/make_cell_goldens.py --check   # self-test only, prints "ok"

Each case is a cell from a .cell file with a hand-written float64 PyTorch reference of
its step (a Python loop over time, batch as the leading axis inside the step; no
torch.nn recurrent modules), run with T=5, B=3. For every case it writes to golden/cells/:

    {case}.weights.safetensors   parameters (and constants), names as in the .cell file, F32
    {case}.inputs.safetensors    x [T,B,I], h0 [1,B,H] (+ c0 [1,B,H] where the cell has c), F32
    {case}.outputs.safetensors   y [T,B,H], h_n [1,B,H] (+ c_n), F64, from h0/c0
    {case}.seeds.safetensors     one random seed gradient per output name, same shape, F32
    {case}.grads.safetensors     F64 d(sum_k out_k * seed_k)/d(every trained parameter and
                                 every input x, h0, c0); constants get no gradient
    index.json                   list of {"name", "file", "sizes", "T", "B"}, where sizes
                                 are the compile-time sizes to set (empty: those in the file)

Weights are drawn uniform(-0.5, 0.5), gains (gamma_*) uniform(0.5, 1.5), inputs
uniform(-1, 1), all in float32; the reference is computed in float64 from those exact
values. Output is deterministic (torch.manual_seed per case; re-running gives identical
bytes).

--check verifies the reference's gradients with torch.autograd.gradcheck (finite
differences, float64): the layer-normalised LSTM on a tiny size, every other case at its
own size, and that each example of a batch is computed independently of the others.
"""
import json
import os
import sys

import torch

from make_goldens import write_index, write_safetensors  # the same writers (this folder)

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cells")
T, B = 5, 3
EPS = 1e-5


def mv(W, v):
    """W [N,K] @ v [K] for each example: [B,K] -> [B,N]."""
    return v @ W.transpose(0, 1)


def mean(v):
    return v.mean(dim=-1, keepdim=True)


def var(v):
    """Biased variance over the example's own vector."""
    d = v - mean(v)
    return (d * d).mean(dim=-1, keepdim=True)


def normalise(v):
    return (v - mean(v)) / torch.sqrt(var(v) + EPS)


# ---- the cells' steps: p holds float64 parameters; x [B,I], h [B,H], c [B,H] or None ----

def step_layernorm_lstm(p, x, h, c):
    H = h.shape[-1]
    a = mv(p["weight_ih"], x)
    r = mv(p["weight_hh"], h)
    gates = p["gamma_ih"] * normalise(a) + p["gamma_hh"] * normalise(r) + p["bias"]
    i = torch.sigmoid(gates[..., 0:H])
    f = torch.sigmoid(gates[..., H:2 * H])
    g = torch.tanh(gates[..., 2 * H:3 * H])
    o = torch.sigmoid(gates[..., 3 * H:4 * H])
    c2 = f * c + i * g
    h2 = o * torch.tanh(p["gamma_c"] * normalise(c2) + p["beta_c"])
    return h2, c2


def step_sum_in_cell(p, x, h, c):
    H = h.shape[-1]
    a = torch.tanh(mv(p["W"], x) + mv(p["U"], h) + p["b"])
    return a - a.sum(dim=-1, keepdim=True) / H, None


def step_scaled_h1(p, x, h, c):
    return torch.tanh(mv(p["W"], x) + mv(p["U"], h) + p["b"]) * 0.5, None


def step_row_gate(p, x, h, c):
    return torch.tanh(mv(p["W"], x) + mv(p["U"], h)) * (mv(p["q"], x) + 1), None


def step_softplus_gate(p, x, h, c):
    a = mv(p["W"], x) + mv(p["U"], h)
    return torch.tanh(a) * torch.nn.functional.softplus(a - 1), None


def step_const_average(p, x, h, c):
    a = torch.tanh(mv(p["W"], x) + mv(p["U"], h) + p["b"])
    return 0.5 * a + 0.5 * mv(p["average"], a), None


def cases():
    """Each case: name, file, sizes (compile-time sizes to set), I, H, has_c, step, params.
    params: ordered (name, shape, how) with how in {"w", "gain", ("const", value)}."""
    def rnn_params(I, H, extra=()):
        return [("W", [H, I], "w"), ("U", [H, H], "w")] + list(extra)

    I, H = 4, 5
    yield dict(name="layernorm_lstm", file="dsl-examples/layernorm_lstm.cell",
               sizes={"I": I, "H": H}, I=I, H=H, has_c=True, step=step_layernorm_lstm,
               params=ln_lstm_params(I, H))
    yield dict(name="sum_in_cell", file="tests/cells/sum_in_cell.cell", sizes={},
               I=4, H=5, has_c=False, step=step_sum_in_cell,
               params=rnn_params(4, 5, [("b", [5], "w")]))
    yield dict(name="scaled_h1", file="tests/cells/scaled_h1.cell", sizes={},
               I=3, H=1, has_c=False, step=step_scaled_h1,
               params=rnn_params(3, 1, [("b", [1], "w")]))
    yield dict(name="row_gate", file="tests/cells/row_gate.cell", sizes={},
               I=3, H=1, has_c=False, step=step_row_gate,
               params=rnn_params(3, 1, [("q", [1, 3], "w")]))
    yield dict(name="const_average", file="tests/cells/const_average.cell", sizes={},
               I=4, H=6, has_c=False, step=step_const_average,
               params=rnn_params(4, 6, [("b", [6], "w"), ("average", [1, 6], ("const", 1 / 6))]))  # 1/H
    yield dict(name="softplus_gate", file="tests/cells/softplus_gate.cell", sizes={},
               I=3, H=4, has_c=False, step=step_softplus_gate, params=rnn_params(3, 4))


def ln_lstm_params(I, H):
    return [("weight_ih", [4 * H, I], "w"), ("weight_hh", [4 * H, H], "w"), ("bias", [4 * H], "w"),
            ("gamma_ih", [4 * H], "gain"), ("gamma_hh", [4 * H], "gain"),
            ("gamma_c", [H], "gain"), ("beta_c", [H], "w")]


def uniform(shape, lo, hi):
    return torch.rand(shape, dtype=torch.float32) * (hi - lo) + lo


def draw(case, Tn, Bn):
    """float32 weights (in parameter order) and inputs x, h0[, c0]; the caller seeds."""
    weights = {}
    for name, shape, how in case["params"]:
        if how == "w":
            weights[name] = uniform(shape, -0.5, 0.5)
        elif how == "gain":
            weights[name] = uniform(shape, 0.5, 1.5)
        else:
            weights[name] = torch.full(shape, how[1], dtype=torch.float32)
    I, H = case["I"], case["H"]
    inputs = {"x": uniform([Tn, Bn, I], -1.0, 1.0), "h0": uniform([1, Bn, H], -1.0, 1.0)}
    if case["has_c"]:
        inputs["c0"] = uniform([1, Bn, H], -1.0, 1.0)
    return weights, inputs


def forward(case, p, x, h0, c0=None):
    """Runs the cell over time from h0/c0 ([1,B,H]); returns the outputs dict."""
    h = h0[0]
    c = c0[0] if c0 is not None else None
    ys = []
    for t in range(x.shape[0]):
        h, c = case["step"](p, x[t], h, c)
        ys.append(h)
    out = {"y": torch.stack(ys), "h_n": h.unsqueeze(0)}
    if c is not None:
        out["c_n"] = c.unsqueeze(0)
    return out


def trained(case):
    return [name for name, _, how in case["params"] if not isinstance(how, tuple)]


def make_case(case, seed):
    torch.manual_seed(seed)
    weights, inputs = draw(case, T, B)
    train = trained(case)
    p = {k: v.double().requires_grad_(k in train) for k, v in weights.items()}
    leaves = {k: v.double().requires_grad_(True) for k, v in inputs.items()}
    outputs = forward(case, p, leaves["x"], leaves["h0"], leaves.get("c0"))
    seeds = {k: torch.randn(v.shape, dtype=torch.float32) for k, v in outputs.items()}
    loss = sum((outputs[k] * seeds[k].double()).sum() for k in outputs)
    wrt = {**{k: p[k] for k in train}, **leaves}
    grads = dict(zip(wrt, torch.autograd.grad(loss, list(wrt.values()))))

    meta = {"name": case["name"], "file": case["file"], "sizes": json.dumps(case["sizes"]),
            "T": T, "B": B, "seed": seed}
    files = {"weights": weights, "inputs": inputs, "outputs": outputs, "seeds": seeds,
             "grads": grads}
    for suffix, tensors in files.items():
        write_safetensors(os.path.join(OUT_DIR, f"{case['name']}.{suffix}.safetensors"),
                          tensors, meta)
    return {"name": case["name"], "file": case["file"], "sizes": case["sizes"], "T": T, "B": B}


def check():
    """gradcheck every case (the LSTM on a tiny size) and batch independence; prints ok."""
    all_cases = list(cases())
    for i, case in enumerate(all_cases):
        if case["name"] == "layernorm_lstm":  # tiny size: I=3, H=2, T=2, B=2
            case = dict(case, I=3, H=2, params=ln_lstm_params(3, 2))
            Tn, Bn = 2, 2
        else:
            Tn, Bn = T, B
        torch.manual_seed(3000 + i)
        weights, inputs = draw(case, Tn, Bn)
        train = trained(case)
        consts = {k: v.double() for k, v in weights.items() if k not in train}
        names = train + list(inputs)
        args = tuple({**weights, **inputs}[k].double().requires_grad_(True) for k in names)

        def fn(*vals):
            d = dict(zip(names, vals))
            out = forward(case, {**consts, **{k: d[k] for k in train}}, d["x"], d["h0"], d.get("c0"))
            return tuple(out.values())

        assert torch.autograd.gradcheck(fn, args, eps=1e-6, atol=1e-7, rtol=1e-5), case["name"]
        # each example on its own gives the same numbers as the batch
        with torch.no_grad():
            whole = fn(*args)
            d = dict(zip(names, args))
            for b in range(Bn):
                one = {k: (v[:, b:b + 1] if k in inputs else v) for k, v in d.items()}
                alone = fn(*(one[k] for k in names))
                for w, a in zip(whole, alone):
                    assert torch.allclose(w[:, b:b + 1], a, rtol=0, atol=1e-12), case["name"]
    print("ok")


def main():
    torch.set_num_threads(1)  # keep float64 reductions in a fixed order
    if "--check" in sys.argv[1:]:
        check()
        return
    os.makedirs(OUT_DIR, exist_ok=True)
    write_index(OUT_DIR, [make_case(case, seed=2000 + i) for i, case in enumerate(cases())])


if __name__ == "__main__":
    main()
