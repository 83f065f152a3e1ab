"""Generate PyTorch reference ("golden") files for whole models written in the .cell language.

Run from the repository root (needs PyTorch, e.g. Debian's python3-torch):

    /usr/bin/python3 golden/make_model_goldens.py           # write the goldens
    /usr/bin/python3 golden/make_model_goldens.py --check   # self-test only, prints "ok"

Each case is a model from a .cell file (attention decoders, a packed bidirectional stack, a
feed-forward block, an encoder-decoder with attention and a loss, a tagger reading one way
and both, learned positional embeddings, multi-head self-attention with key padding, causal
and not, a two-block character transformer whose blocks are nn.TransformerEncoderLayer, and
the recurrences linear in their state: minLSTM, RetNet-style retention, a Mamba-style block
with torch's conv1d for its causal convolution, RWKV-4 time mixing, xLSTM's mLSTM) with a
float64 PyTorch
reference written from the file's equations: a Python loop over time with the batch as the
leading axis inside the step, torch.nn.LSTM on pack_padded_sequence for calls with
`lengths=`. Sequences are time-major [T, B, ...]. For every case it writes to golden/models/:

    {case}.weights.safetensors   parameters, named as rnnc names them (a call's parameters
                                 `<prefix><name>_l<layer>[_reverse]`, as torch.nn.LSTM's
                                 state_dict), F32
    {case}.inputs.safetensors    every input, F32 (ids and lengths as exact whole numbers)
    {case}.outputs.safetensors   every output, F64
    {case}.seeds.safetensors     one random seed gradient per output name, same shape, F32
    {case}.grads.safetensors     F64 d(sum_k out_k * seed_k)/d(every parameter and every
                                 float input); ids and lengths get no gradient, an unused
                                 parameter gets zeros
    index.json                   list of {"name", "file", "sizes", "runtime", "replace"?}:
                                 the compile-time sizes to set, the run-time sizes, and text
                                 edits [from, to] to make to the file before compiling

Weights are drawn uniform(-0.5, 0.5) (layer-norm gains uniform(0.5, 1.5)), float inputs
uniform(-1, 1), all in float32; the reference is computed in float64 from those exact
values. Output is deterministic (torch.manual_seed per case; re-running gives identical
bytes).

--check verifies each reference's gradients with torch.autograd.gradcheck (finite
differences, float64) at its own size, that each example of a batch is computed
independently of the others, that torch.nn.LSTM on a packed sequence equals a plain
loop whose states stop at each sequence's length, that the multi-head attention
reference equals a torch.nn.MultiheadAttention module given the same weights, and that
each transformer block's reference equals a torch.nn.TransformerEncoderLayer module.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from make_goldens import write_index, write_safetensors  # the same writers (this folder)

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")
LSTM_PARAMS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


# ---- pieces: batch is the leading axis inside a step ----

def linear(x, W, b=None):
    """W @ x for each example (and each position): [..., K] -> [..., N]."""
    return F.linear(x, W, b)


def lstm_step(p, pre, post, x, h, c):
    """One LSTM step with the parameters p[pre + name + post]; gates in PyTorch's order i, f, g, o."""
    H = h.shape[-1]
    gates = (linear(x, p[pre + "weight_ih" + post], p[pre + "bias_ih" + post])
             + linear(h, p[pre + "weight_hh" + post], p[pre + "bias_hh" + post]))
    i = torch.sigmoid(gates[..., 0:H])
    f = torch.sigmoid(gates[..., H:2 * H])
    g = torch.tanh(gates[..., 2 * H:3 * H])
    o = torch.sigmoid(gates[..., 3 * H:4 * H])
    c2 = f * c + i * g
    return o * torch.tanh(c2), c2


def length_mask(lengths, n):
    """[n, B]: 1.0 where position < the example's length, else 0.0."""
    return (torch.arange(n, dtype=torch.float64)[:, None] < lengths[None, :]).double()


def masked_softmax(scores, mask):
    """softmax over the last axis; entries where mask is 0 get probability 0 (and no gradient)."""
    return torch.softmax(scores.masked_fill(mask == 0, float("-inf")), dim=-1)


def additive_attention(p, pre, memory, mask, h):
    """Bahdanau: alpha = softmax(tanh(W_key m_i + W_query h) . v); context = sum_i alpha_i m_i.
    memory [B,S,M], mask [B,S], h [B,H] -> alpha [B,S], context [B,M]."""
    keys = linear(memory, p[pre + "W_key_l0"]) + linear(h, p[pre + "W_query_l0"])[:, None, :]
    scores = torch.tanh(keys) @ p[pre + "v_l0"]
    alpha = masked_softmax(scores, mask)
    return alpha, (alpha[:, :, None] * memory).sum(dim=1)


def packed_lstm(p, pre, x, lengths, layers, h0=None, c0=None, bidirectional=True):
    """torch.nn.LSTM on pack_padded_sequence(x, lengths, enforce_sorted=False), padded back to
    x's length; the weights are p[pre + state_dict name].
    Returns y [T,B,D*H], h_n [D*L,B,H], c_n [D*L,B,H]."""
    T, B, I = x.shape
    H = p[pre + "weight_hh_l0"].shape[1]
    lstm = torch.nn.LSTM(I, H, num_layers=layers, bidirectional=bidirectional).double()
    lstm._flat_weights = [p[pre + n] for n in lstm._flat_weights_names]  # these tensors, for autograd
    packed = pack_padded_sequence(x, lengths.long().cpu(), enforce_sorted=False)
    state = None if h0 is None else (h0, c0)
    y, (h_n, c_n) = lstm(packed, state)
    y, _ = pad_packed_sequence(y, total_length=T)
    return y, h_n, c_n


def packed_lstm_loop(p, pre, x, lengths, layers, h0, c0):
    """The same as packed_lstm written as a loop: past its length an example's state stays, its
    output is 0, and the reversed direction starts at its own last step."""
    T = x.shape[0]
    keep = length_mask(lengths, T)[:, :, None]  # [T,B,1]
    inp, hs, cs = x, [], []
    for layer in range(layers):
        outs = []
        for d, suffix in enumerate(("", "_reverse")):
            h, c = h0[2 * layer + d], c0[2 * layer + d]
            ys = [None] * T
            for t in (range(T) if d == 0 else reversed(range(T))):
                h2, c2 = lstm_step(p, pre, f"_l{layer}{suffix}", inp[t], h, c)
                h = keep[t] * h2 + (1 - keep[t]) * h
                c = keep[t] * c2 + (1 - keep[t]) * c
                ys[t] = keep[t] * h
            outs.append(torch.stack(ys))
            hs.append(h)
            cs.append(c)
        inp = torch.cat(outs, dim=-1)
    return inp, torch.stack(hs), torch.stack(cs)


# ---- the models: p holds float64 parameters and inputs, by the names rnnc gives them ----

def model_bahdanau(p):
    memory = p["memory"].transpose(0, 1)  # [B,S,M]: each example its own
    mask = length_mask(p["source_lengths"], memory.shape[1]).transpose(0, 1)
    h, c = p["h0"][0], p["c0"][0]
    ys, alphas = [], []
    for t in range(p["x"].shape[0]):
        alpha, context = additive_attention(p, "", memory, mask, h)
        h, c = lstm_step(p, "", "_l0", torch.cat([p["x"][t], context], dim=-1), h, c)
        ys.append(h)
        alphas.append(alpha)
    return {"y": torch.stack(ys), "alpha": torch.stack(alphas), "h_n": h[None], "c_n": c[None]}


def model_luong(p, dot=False):
    memory = p["memory"].transpose(0, 1)  # [B,S,M]
    mask = length_mask(p["source_lengths"], memory.shape[1]).transpose(0, 1)
    h, c = p["h0"][0], p["c0"][0]
    ys, alphas = [], []
    for t in range(p["x"].shape[0]):
        h, c = lstm_step(p, "", "_l0", p["x"][t], h, c)
        query = h if dot else linear(h, p["W_a_l0"])  # m_i . h, or m_i . (W_a h)
        alpha = masked_softmax((memory @ query[:, :, None])[:, :, 0], mask)
        context = (alpha[:, :, None] * memory).sum(dim=1)
        ys.append(torch.tanh(linear(torch.cat([context, h], dim=-1), p["W_c_l0"])))
        alphas.append(alpha)
    return {"y": torch.stack(ys), "alpha": torch.stack(alphas), "h_n": h[None], "c_n": c[None]}


def model_packed_lstm(p):
    y, h_n, c_n = packed_lstm(p, "", p["x"], p["lengths"], 2, p["h0"], p["c0"])
    return {"y": y, "h_n": h_n, "c_n": c_n}


def model_ffn(p):
    x = p["x"]
    normed = F.layer_norm(x, x.shape[-1:], p["ln_weight_l0"], p["ln_bias_l0"], eps=1e-5)
    return {"y": x + linear(F.gelu(linear(normed, p["W1_l0"], p["b1_l0"])), p["W2_l0"], p["b2_l0"])}


def model_seq2seq(p):
    source = p["source"].long()
    S = source.shape[0]
    memory, h_enc, c_enc = packed_lstm(p, "encoder.", p["source_embedding"][source],
                                       p["source_lengths"], 1)
    h = torch.tanh(linear(torch.cat([h_enc[0], h_enc[1]], dim=-1), p["bridge_h"]))
    c = linear(torch.cat([c_enc[0], c_enc[1]], dim=-1), p["bridge_c"])
    memory = memory.transpose(0, 1)  # [B,S,2H]
    mask = length_mask(p["source_lengths"], S).transpose(0, 1)
    dec = "decoder."
    outs, alphas = [], []
    for y in p["target_embedding"][p["decoder_inputs"].long()]:
        alpha, context = additive_attention(p, dec, memory, mask, h)
        h, c = lstm_step(p, dec, "_l0", torch.cat([y, context], dim=-1), h, c)
        outs.append(torch.cat([h, context], dim=-1))
        alphas.append(alpha)
    logits = linear(torch.stack(outs), p["out_weight"], p["out_bias"])  # [T,B,W]
    loss = counted_cross_entropy(logits, p["targets"], p["target_lengths"])
    return {"loss": loss, "logits": logits, "alpha": torch.stack(alphas)}


def model_positions(p):
    tokens = p["tokens"].long()
    T = tokens.shape[0]
    x = p["token_embedding"][tokens] + p["position_table"][torch.arange(T)][:, None, :]  # [T,B,E]
    return {"y": torch.tanh(linear(x, p["W"]))}


def model_multihead_attention(p, heads, causal=True):
    """torch.nn.MultiheadAttention's own forward (batch second), with key padding past each
    length and, causal, no position after the query's."""
    x = p["x"]
    T = x.shape[0]
    padding = length_mask(p["lengths"], T).transpose(0, 1) == 0  # [B, T], True: left out
    ahead = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1) if causal else None
    y, _ = F.multi_head_attention_forward(
        x, x, x, x.shape[-1], heads, p["in_proj_weight"], p["in_proj_bias"], None, None, False, 0.0,
        p["out_proj.weight"], p["out_proj.bias"], training=False, key_padding_mask=padding,
        need_weights=False, attn_mask=ahead)
    return {"y": y}


def transformer_layer(p, pre, x, heads):
    """torch.nn.TransformerEncoderLayer(E, heads, F, dropout=0, activation="gelu",
    norm_first=True) with a causal mask, written with its functional pieces; x [T, B, E]."""
    T, E = x.shape[0], x.shape[-1]
    ahead = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
    h = F.layer_norm(x, (E,), p[pre + "norm1.weight_l0"], p[pre + "norm1.bias_l0"], eps=1e-5)
    a, _ = F.multi_head_attention_forward(
        h, h, h, E, heads, p[pre + "self_attn.in_proj_weight"], p[pre + "self_attn.in_proj_bias"], None, None,
        False, 0.0, p[pre + "self_attn.out_proj.weight"], p[pre + "self_attn.out_proj.bias"], training=False,
        need_weights=False, attn_mask=ahead)
    x = x + a
    m = F.layer_norm(x, (E,), p[pre + "norm2.weight_l0"], p[pre + "norm2.bias_l0"], eps=1e-5)
    mlp = linear(F.gelu(linear(m, p[pre + "linear1.weight"], p[pre + "linear1.bias"])), p[pre + "linear2.weight"], p[pre + "linear2.bias"])
    return x + mlp


def transformer_layer_name(key):
    """rnnc's name for a key of nn.TransformerEncoderLayer's state_dict (a layer norm is a cell: _l0)."""
    return key + "_l0" if key.startswith("norm") else key


def model_char_transformer(p, heads):
    tokens = p["tokens"].long()
    T = tokens.shape[0]
    x = p["embedding"][tokens] + p["positions"][torch.arange(T)][:, None, :]
    for layer in range(2):
        x = transformer_layer(p, f"layer{layer}.", x, heads)
    y = F.layer_norm(x, x.shape[-1:], p["final_norm.weight_l0"], p["final_norm.bias_l0"], eps=1e-5)
    logits = linear(y, p["embedding"])  # tied
    nll = -torch.log_softmax(logits, dim=-1).gather(-1, p["targets"].long()[:, :, None])[:, :, 0]
    return {"loss": nll.mean(), "logits": logits}


def counted_cross_entropy(logits, targets, lengths):
    """The mean cross-entropy over each sequence's own steps: logits [T,B,K], targets [T,B]."""
    nll = -torch.log_softmax(logits, dim=-1).gather(-1, targets.long()[:, :, None])[:, :, 0]
    counted = length_mask(lengths, logits.shape[0])
    return (nll * counted).sum() / counted.sum()


def model_tagger(p, bidirectional=True):
    h, _, _ = packed_lstm(p, "", p["embedding"][p["tokens"].long()], p["lengths"], 1,
                          bidirectional=bidirectional)
    logits = linear(h, p["out_weight"], p["out_bias"])  # [T,B,K]
    return {"loss": counted_cross_entropy(logits, p["tags"], p["lengths"]), "logits": logits}


# ---- recurrences linear in their state (dsl-examples/mingru, minlstm, retention, mamba, rwkv, mlstm) ----

def stacked(p, layers, width, step):
    """Layers of a cell with one state h, zeros at first: h = step(w, x_t, h), w(name) the
    layer's parameter; each layer's states are the next one's inputs."""
    x, finals = p["x"], []
    for l in range(layers):
        w = lambda name, l=l: p[f"{name}_l{l}"]
        h = torch.zeros(x.shape[1], w(width).shape[0], dtype=x.dtype)
        ys = []
        for t in range(x.shape[0]):
            h = step(w, x[t], h)
            ys.append(h)
        x = torch.stack(ys)
        finals.append(h)
    return {"y": x, "h_n": torch.stack(finals)}


def model_mingru(p, layers):
    """minGRU: h = (1 - z) h + z (W_h x + b_h), z = sigmoid(W_z x + b_z), stacked."""
    def step(w, x, h):
        z = torch.sigmoid(linear(x, w("W_z"), w("b_z")))
        return (1 - z) * h + z * linear(x, w("W_h"), w("b_h"))
    return stacked(p, layers, "b_z", step)


def model_minlstm(p, layers):
    """minLSTM: h = f/(f+i) h + i/(f+i) (W_h x + b_h), gates from the input only, stacked."""
    def step(w, x, h):
        f = torch.sigmoid(linear(x, w("W_f"), w("b_f")))
        i = torch.sigmoid(linear(x, w("W_i"), w("b_i")))
        return f / (f + i) * h + i / (f + i) * linear(x, w("W_h"), w("b_h"))
    return stacked(p, layers, "b_f", step)


def model_retention(p, heads, D):
    """RetNet's recurrent form per head: S = gamma S + k v^T, out = q S / sqrt(D)."""
    x = p["x"]
    q, k, v = (linear(x, p[w]) for w in ("W_q", "W_k", "W_v"))
    outs, finals = [], []
    for n in range(heads):
        part = slice(n * D, (n + 1) * D)
        gamma = torch.sigmoid(p[f"decay_l0_head{n}"])
        S = torch.zeros(x.shape[1], D, D, dtype=x.dtype)
        out = []
        for t in range(x.shape[0]):
            S = gamma * S + torch.einsum("bi,bj->bij", k[t, :, part], v[t, :, part])
            out.append(torch.einsum("bi,bij->bj", q[t, :, part], S) / D ** 0.5)
        outs.append(torch.stack(out))
        finals.append(S)
    return {"y": linear(torch.cat(outs, -1), p["W_o"]), "S_n": torch.cat(finals, -1)[None]}


def model_mamba(p, E, N, R):
    """The block: in_proj, torch's depthwise causal conv1d and SiLU, the selective scan, the
    SiLU gate, out_proj."""
    x = p["x"]
    T = x.shape[0]
    xz = linear(x, p["in_proj"])
    stream, gate = xz[..., :E], xz[..., E:]
    kernel = torch.stack([p["w3_l0"], p["w2_l0"], p["w1_l0"], p["w0_l0"]], -1)[:, None, :]  # [E, 1, 4], oldest first
    c = F.conv1d(stream.permute(1, 2, 0), kernel, p["bias_l0"], padding=3, groups=E)[..., :T].permute(2, 0, 1)
    u = F.silu(c)
    A = -torch.exp(p["A_log_l0"])
    h = torch.zeros(x.shape[1], E, N, dtype=x.dtype)
    ys = []
    for t in range(T):
        proj = linear(u[t], p["x_proj_l0"])
        delta = F.softplus(linear(proj[:, :R], p["dt_proj_l0"], p["dt_bias_l0"]))
        B_t, C_t = proj[:, R:R + N], proj[:, R + N:]
        h = torch.exp(delta[:, :, None] * A) * h + (delta * u[t])[:, :, None] * B_t[:, None, :]
        ys.append((torch.einsum("ben,bn->be", h, C_t) + p["D_skip_l0"] * u[t]) * F.silu(gate[t]))
    return {"out": linear(torch.stack(ys), p["out_proj"]), "h_n": h[None]}


def model_rwkv(p):
    """RWKV-4 time mixing: token shift, then wkv = (num + e^(u+k) v) / (den + e^(u+k))."""
    x = p["x"]
    w = lambda name: p[f"{name}_l0"]
    previous = torch.cat([torch.zeros_like(x[:1]), x[:-1]])
    mix = lambda m: x * w(m) + previous * (1 - w(m))
    k, v = linear(mix("time_mix_k"), w("W_k")), linear(mix("time_mix_v"), w("W_v"))
    r = torch.sigmoid(linear(mix("time_mix_r"), w("W_r")))
    decay = torch.exp(-torch.exp(w("time_decay")))
    num, den = torch.zeros_like(x[0]), torch.zeros_like(x[0])
    outs = []
    for t in range(x.shape[0]):
        bonus = torch.exp(w("time_first") + k[t])
        outs.append(linear(r[t] * (num + bonus * v[t]) / (den + bonus), w("W_o")))
        num = decay * num + torch.exp(k[t]) * v[t]
        den = decay * den + torch.exp(k[t])
    return {"out": torch.stack(outs)}


def model_mlstm(p, heads, D):
    """xLSTM's mLSTM per head with the stabiliser m: C = f C + i v k^T, n = f n + i k,
    h = o * C q / max(|n . q|, exp(-m))."""
    x = p["x"]
    q, k, v, o = (linear(x, p[w]) for w in ("W_q", "W_k", "W_v", "W_o"))
    i_pre, f_pre = linear(x, p["W_i"], p["b_i"]), linear(x, p["W_f"], p["b_f"])
    B = x.shape[1]
    hs = []
    for head in range(heads):
        part = slice(head * D, (head + 1) * D)
        C = torch.zeros(B, D, D, dtype=x.dtype)
        n = torch.zeros(B, D, dtype=x.dtype)
        m = torch.zeros(B, 1, dtype=x.dtype)
        out = []
        for t in range(x.shape[0]):
            log_f = F.logsigmoid(f_pre[t, :, head:head + 1])
            m_next = torch.maximum(log_f + m, i_pre[t, :, head:head + 1])
            i, f = torch.exp(i_pre[t, :, head:head + 1] - m_next), torch.exp(log_f + m - m_next)
            key = k[t, :, part] / D ** 0.5
            C = f[:, :, None] * C + i[:, :, None] * torch.einsum("bi,bj->bij", v[t, :, part], key)
            n = f * n + i * key
            m = m_next
            query = q[t, :, part]
            scale = torch.maximum((n * query).sum(-1, keepdim=True).abs(), torch.exp(-m))
            out.append(torch.sigmoid(o[t, :, part]) * torch.einsum("bij,bj->bi", C, query) / scale)
        hs.append(torch.stack(out))
    return {"y": linear(torch.cat(hs, -1), p["W_out"])}


# ---- cases ----

def lstm_params(In, H, pre="", suffix="_l0"):
    shapes = {"weight_ih": [4 * H, In], "weight_hh": [4 * H, H], "bias_ih": [4 * H], "bias_hh": [4 * H]}
    return [(f"{pre}{n}{suffix}", shapes[n], "w") for n in LSTM_PARAMS]


def cases(rng=None):
    """Each case: name, file, sizes (compile-time), runtime (run-time sizes), params (ordered
    (name, shape, how), how in {"w", "gain"}), inputs (ordered (name, shape, how), how "f" for
    a float in (-1, 1), ("ids", n) for whole numbers in [0, n), ("lengths", list)), model, and
    replace (edits to the file) where the file is changed.

    Without rng, the fixed sizes of the goldens. With rng (a random.Random), every size and
    length is drawn instead, small and often 1 (bugs have hidden at sizes of 1), for
    golden/check_against_torch.py to try the same models at sizes no golden has."""
    def n(fixed, hi=8):
        """fixed, or a size in 1..hi, 1 more often than its share."""
        if rng is None:
            return fixed
        return 1 if rng.random() < 0.2 else rng.randint(1, hi)

    def lengths(fixed, T, B):
        """B lengths in 1..T, the full length about half of the time."""
        return fixed if rng is None else [T if rng.random() < 0.5 else rng.randint(1, T) for _ in range(B)]

    def attention_inputs(I, M, H):
        """The run-time sizes and inputs of an attention decoder."""
        T, S, B = n(4), n(6), n(3, hi=5)
        return {"T": T, "S": S, "B": B}, [
            ("x", [T, B, I], "f"), ("memory", [S, B, M], "f"),
            ("source_lengths", [B], ("lengths", lengths([6, 2, 4], S, B))),
            ("h0", [1, B, H], "f"), ("c0", [1, B, H], "f")]

    I, M, H, A = n(3), n(4), n(5), n(3)
    runtime, inputs = attention_inputs(I, M, H)
    yield dict(name="attention_bahdanau", file="dsl-examples/attention_bahdanau.cell",
               sizes={"I": I, "M": M, "H": H, "A": A}, runtime=runtime,
               params=lstm_params(I + M, H) + [("W_query_l0", [A, H], "w"), ("W_key_l0", [A, M], "w"),
                                                ("v_l0", [A], "w")],
               inputs=inputs, model=model_bahdanau)

    I, M, H = n(3), n(4), n(5)
    runtime, inputs = attention_inputs(I, M, H)
    yield dict(name="attention_luong", file="dsl-examples/attention_luong.cell",
               sizes={"I": I, "M": M, "H": H}, runtime=runtime,
               params=lstm_params(I, H) + [("W_a_l0", [M, H], "w"), ("W_c_l0", [H, M + H], "w")],
               inputs=inputs, model=model_luong)

    I, H = n(3), n(5)
    M = H  # the dot score: memory as wide as h
    runtime, inputs = attention_inputs(I, M, H)
    yield dict(name="attention_luong_dot", file="dsl-examples/attention_luong.cell",
               # the dot score; sizes are checked by name, so memory's width is written H there
               replace=[["scores = memory @ (W_a @ h')", "scores = memory @ h'"],
                        ["memory [S, M] whole", "memory [S, H] whole"],
                        ["param W_c       [H, M + H]", "param W_c       [H, H + H]"],
                        ["input memory [S, B, M]", "input memory [S, B, H]"]],
               sizes={"I": I, "M": M, "H": H}, runtime=runtime,
               params=lstm_params(I, H) + [("W_a_l0", [M, H], "w"), ("W_c_l0", [H, M + H], "w")],
               inputs=inputs, model=lambda p: model_luong(p, dot=True))

    I, H, T5, B4 = n(3), n(4), n(5), n(4, hi=5)
    yield dict(name="packed_lstm", file="tests/cells/packed_lstm.cell",
               sizes={"I": I, "H": H}, runtime={"T": T5, "B": B4},
               params=[q for layer in range(2) for suffix in ("", "_reverse")
                       for q in lstm_params(I if layer == 0 else 2 * H, H, suffix=f"_l{layer}{suffix}")],
               inputs=[("x", [T5, B4, I], "f"),
                       ("lengths", [B4], ("lengths", lengths([5, 2, 3, 1], T5, B4))),
                       ("h0", [4, B4, H], "f"), ("c0", [4, B4, H], "f")],
               model=model_packed_lstm)

    D, Fw, T3, B2 = n(6), n(10), n(3), n(2, hi=5)
    yield dict(name="ffn_block", file="tests/cells/ffn_block.cell",
               sizes={"D": D, "F": Fw}, runtime={"T": T3, "B": B2},
               params=[("ln_weight_l0", [D], "gain"), ("ln_bias_l0", [D], "w"), ("W1_l0", [Fw, D], "w"),
                       ("b1_l0", [Fw], "w"), ("W2_l0", [D, Fw], "w"), ("b2_l0", [D], "w")],
               inputs=[("x", [T3, B2, D], "f")], model=model_ffn)

    V, W, E, H, A = n(7), n(5), n(3), n(4), n(3)
    S, T, B = n(6), n(4), n(3, hi=5)
    yield dict(name="seq2seq_attention", file="dsl-examples/seq2seq_attention.cell",
               sizes={"V": V, "W": W, "E": E, "H": H, "A": A}, runtime={"S": S, "T": T, "B": B},
               params=[("source_embedding", [V, E], "w"), ("target_embedding", [W, E], "w"),
                       ("bridge_h", [H, 2 * H], "w"), ("bridge_c", [H, 2 * H], "w"),
                       ("out_weight", [W, 3 * H], "w"), ("out_bias", [W], "w")]
               + lstm_params(E, H, "encoder.") + lstm_params(E, H, "encoder.", "_l0_reverse")
               + lstm_params(E + 2 * H, H, "decoder.")
               + [("decoder.W_query_l0", [A, H], "w"), ("decoder.W_key_l0", [A, 2 * H], "w"),
                  ("decoder.v_l0", [A], "w")],
               inputs=[("source", [S, B], ("ids", V)),
                       ("source_lengths", [B], ("lengths", lengths([6, 3, 5], S, B))),
                       ("decoder_inputs", [T, B], ("ids", W)), ("targets", [T, B], ("ids", W)),
                       ("target_lengths", [B], ("lengths", lengths([4, 2, 3], T, B)))],
               model=model_seq2seq)

    for D in (2, 1):
        V, K, E, H, T5, B3 = n(6), n(3), n(4), n(5), n(5), n(3, hi=5)
        yield dict(name="bilstm_tagger" if D == 2 else "bilstm_tagger_d1", file="dsl-examples/bilstm_tagger.cell",
                   sizes={"V": V, "K": K, "E": E, "H": H, "D": D}, runtime={"T": T5, "B": B3},
                   params=[("embedding", [V, E], "w"), ("out_weight", [K, D * H], "w"), ("out_bias", [K], "w")]
                   + [q for suffix in ("_l0", "_l0_reverse")[:D] for q in lstm_params(E, H, suffix=suffix)],
                   inputs=[("tokens", [T5, B3], ("ids", V)),
                           ("lengths", [B3], ("lengths", lengths([5, 2, 4], T5, B3))),
                           ("tags", [T5, B3], ("ids", K))],
                   model=lambda p, D=D: model_tagger(p, bidirectional=D == 2))

    V, P, E = n(5), n(6), n(3)
    T4, B2 = n(4, hi=P), n(2, hi=5)  # T <= P; T < P: the last rows get no gradient
    yield dict(name="positions", file="tests/cells/positions.cell",
               sizes={"V": V, "P": P, "E": E}, runtime={"T": T4, "B": B2},
               params=[("token_embedding", [V, E], "w"), ("position_table", [P, E], "w"), ("W", [E, E], "w")],
               inputs=[("tokens", [T4, B2], ("ids", V))], model=model_positions)

    for causal in (True, False):
        N, D, T5, B3 = n(2, hi=3), n(3), n(5), n(3, hi=5)
        E = N * D
        yield dict(name="multihead_attention" if causal else "multihead_attention_encoder",
                   file="dsl-examples/multihead_attention.cell",
                   **({} if causal else {"replace": [["mask=keep * causal_mask(S))", "mask=keep)"]]}),
                   sizes={"N": N, "D": D}, runtime={"T": T5, "B": B3},
                   params=[("in_proj_weight", [3 * E, E], "w"), ("in_proj_bias", [3 * E], "w"),
                           ("out_proj.weight", [E, E], "w"), ("out_proj.bias", [E], "w")],
                   inputs=[("x", [T5, B3, E], "f"), ("lengths", [B3], ("lengths", lengths([5, 2, 4], T5, B3)))],
                   model=lambda p, N=N, causal=causal: model_multihead_attention(p, N, causal))

    V, N, D, Fw, P = n(7), n(2, hi=3), n(3), n(6), n(6)
    T4, B2 = n(4, hi=P), n(2, hi=4)
    E = N * D
    layer = lambda pre: [(pre + "self_attn.in_proj_weight", [3 * E, E], "w"), (pre + "self_attn.in_proj_bias", [3 * E], "w"),
                         (pre + "self_attn.out_proj.weight", [E, E], "w"), (pre + "self_attn.out_proj.bias", [E], "w"),
                         (pre + "linear1.weight", [Fw, E], "w"), (pre + "linear1.bias", [Fw], "w"),
                         (pre + "linear2.weight", [E, Fw], "w"), (pre + "linear2.bias", [E], "w"),
                         (pre + "norm1.weight_l0", [E], "gain"), (pre + "norm1.bias_l0", [E], "w"),
                         (pre + "norm2.weight_l0", [E], "gain"), (pre + "norm2.bias_l0", [E], "w")]
    yield dict(name="char_transformer", file="dsl-examples/char_transformer.cell",
               sizes={"V": V, "N": N, "D": D, "F": Fw, "P": P}, runtime={"T": T4, "B": B2},
               params=[("embedding", [V, E], "w"), ("positions", [P, E], "w")] + layer("layer0.") + layer("layer1.")
               + [("final_norm.weight_l0", [E], "gain"), ("final_norm.bias_l0", [E], "w")],
               inputs=[("tokens", [T4, B2], ("ids", V)), ("targets", [T4, B2], ("ids", V))],
               model=lambda p, N=N: model_char_transformer(p, N))

    yield from linear_recurrences(n, n(5), n(3, hi=5))
    if rng is None:  # the same at 4,096 steps, tiny otherwise
        yield from linear_recurrences(lambda fixed, hi=8: min(fixed, 2), 4096, 2, "_long")


def linear_recurrences(n, T, B, suffix=""):
    """The recurrences linear in their state, T steps of B examples, other sizes from n. Each is
    checked with their lowering on and off (bothWays)."""
    def case(name, **c):
        return dict(name=name + suffix, runtime={"T": T, "B": B}, both_ways=True, **c)

    for cell in ("mingru", "minlstm"):
        I, H = n(3), n(5)
        names = ("W_z", "b_z", "W_h", "b_h") if cell == "mingru" else ("W_f", "b_f", "W_i", "b_i", "W_h", "b_h")
        yield case(cell, file=f"dsl-examples/{cell}.cell", sizes={"I": I, "H": H, "L": 2},
                   params=[(f"{w}_l{l}", [H, I if l == 0 else H] if w[0] == "W" else [H], "w") for l in range(2) for w in names],
                   inputs=[("x", [T, B, I], "f")], model=lambda p, cell=cell: (model_mingru if cell == "mingru" else model_minlstm)(p, 2))

    for heads in (2, 1) if not suffix else (2,):  # one head is named as any other: decay_l0_head0
        I, N, D = n(5), n(heads, hi=3), n(3)
        yield case("retention" if heads == 2 else "retention_one_head", file="dsl-examples/retention.cell",
                   sizes={"I": I, "N": N, "D": D},
                   params=[("W_q", [N * D, I], "w"), ("W_k", [N * D, I], "w"), ("W_v", [N * D, I], "w"), ("W_o", [I, N * D], "w")]
                   + [(f"decay_l0_head{h}", [1], "w") for h in range(N)],
                   inputs=[("x", [T, B, I], "f")], model=lambda p, N=N, D=D: model_retention(p, N, D))

    I, E, N, R = n(4), n(6), n(3), n(2)
    yield case("mamba", file="dsl-examples/mamba.cell", sizes={"I": I, "E": E, "N": N, "R": R},
               params=[("in_proj", [2 * E, I], "w"), ("out_proj", [I, E], "w")]
               + [(f"{w}_l0", [E], "w") for w in ("w0", "w1", "w2", "w3", "bias")]
               + [("x_proj_l0", [R + 2 * N, E], "w"), ("dt_proj_l0", [E, R], "w"), ("dt_bias_l0", [E], "w"),
                  ("A_log_l0", [E, N], "w"), ("D_skip_l0", [E], "gain")],
               inputs=[("x", [T, B, I], "f")], model=lambda p, E=E, N=N, R=R: model_mamba(p, E, N, R))

    C = n(5)
    yield case("rwkv", file="dsl-examples/rwkv.cell", sizes={"C": C},
               params=[(f"{w}_l0", [C], "gain" if w.startswith("time_mix") else "w")
                       for w in ("time_mix_k", "time_mix_v", "time_mix_r", "time_decay", "time_first")]
               + [(f"{w}_l0", [C, C], "w") for w in ("W_k", "W_v", "W_r", "W_o")],
               inputs=[("x", [T, B, C], "f")], model=model_rwkv)

    I, N, D = n(5), n(2, hi=3), n(3)
    yield case("mlstm", file="dsl-examples/mlstm.cell", sizes={"I": I, "N": N, "D": D},
               params=[(w, [N * D, I], "w") for w in ("W_q", "W_k", "W_v")]
               + [("W_i", [N, I], "w"), ("b_i", [N], "w"), ("W_f", [N, I], "w"), ("b_f", [N], "w"),
                  ("W_o", [N * D, I], "w"), ("W_out", [I, N * D], "w")],
               inputs=[("x", [T, B, I], "f")], model=lambda p, N=N, D=D: model_mlstm(p, N, D))


def uniform(shape, lo, hi):
    return torch.rand(shape, dtype=torch.float32) * (hi - lo) + lo


def draw(case):
    """float32 weights and inputs (the caller seeds)."""
    weights = {}
    for name, shape, how in case["params"]:
        weights[name] = uniform(shape, -0.5, 0.5) if how == "w" else uniform(shape, 0.5, 1.5)
    inputs = {}
    for name, shape, how in case["inputs"]:
        if how == "f":
            inputs[name] = uniform(shape, -1.0, 1.0)
        elif how[0] == "ids":
            inputs[name] = torch.randint(0, how[1], shape).float()
        else:
            inputs[name] = torch.tensor(how[1], dtype=torch.float32)
    return weights, inputs


def is_float_input(case, name):
    return any(n == name and how == "f" for n, _, how in case["inputs"])


def reference(case, seed):
    """float32 weights, inputs and seed gradients, and the float64 outputs and gradients."""
    torch.manual_seed(seed)
    weights, inputs = draw(case)
    p = {k: v.double().requires_grad_(True) for k, v in weights.items()}
    leaves = {k: v.double().requires_grad_(is_float_input(case, k)) for k, v in inputs.items()}
    outputs = case["model"]({**p, **leaves})
    seeds = {k: torch.randn(v.shape, dtype=torch.float32) for k, v in outputs.items()}
    total = sum((outputs[k] * seeds[k].double()).sum() for k in outputs)
    wrt = {**p, **{k: v for k, v in leaves.items() if v.requires_grad}}
    grads = dict(zip(wrt, torch.autograd.grad(total, list(wrt.values()), allow_unused=True)))
    grads = {k: (g if g is not None else torch.zeros_like(wrt[k])) for k, g in grads.items()}  # unused: 0
    outputs = {k: v.detach() for k, v in outputs.items()}
    return {"weights": weights, "inputs": inputs, "outputs": outputs, "seeds": seeds, "grads": grads}


def make_case(case, seed):
    files = reference(case, seed)
    entry = {"name": case["name"], "file": case["file"], "sizes": case["sizes"], "runtime": case["runtime"]}
    if "replace" in case:
        entry["replace"] = case["replace"]
    if case.get("both_ways"):
        entry["bothWays"] = True
    meta = {**{k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in entry.items()}, "seed": seed}
    for suffix, tensors in files.items():
        write_safetensors(os.path.join(OUT_DIR, f"{case['name']}.{suffix}.safetensors"), tensors, meta)
    return entry


def check():
    """gradcheck every reference, batch independence, and the packed LSTM against a loop."""
    for i, case in enumerate(cases()):
        if case["name"].endswith("_long"):  # the same references as at a few steps, where gradcheck is quick
            continue
        torch.manual_seed(3000 + i)
        weights, inputs = draw(case)
        fixed = {k: v.double() for k, v in inputs.items() if not is_float_input(case, k)}
        names = list(weights) + [k for k in inputs if is_float_input(case, k)]
        args = tuple({**weights, **inputs}[k].double().requires_grad_(True) for k in names)

        def fn(*vals, fixed=fixed, case=case, names=names):
            out = case["model"]({**fixed, **dict(zip(names, vals))})
            return tuple(out.values())

        assert torch.autograd.gradcheck(fn, args, eps=1e-6, atol=1e-7, rtol=1e-5), case["name"]

        # each example on its own gives the same numbers as the batch (the loss sums the batch)
        with torch.no_grad():
            values = {**fixed, **dict(zip(names, args))}
            whole = case["model"](values)
            batch_axis = {n: 1 if len(shape) >= 2 else 0 for n, shape, _ in case["inputs"]}  # time-major
            B = case["runtime"]["B"]
            for b in range(B):
                one = {k: (v.narrow(batch_axis[k], b, 1) if k in batch_axis else v) for k, v in values.items()}
                alone = case["model"](one)
                for k, w in whole.items():
                    if k == "loss":
                        continue
                    assert torch.allclose(w.narrow(1, b, 1), alone[k], rtol=0, atol=1e-12), (case["name"], k)

        if case["name"] == "packed_lstm":  # torch.nn.LSTM on a packed sequence = the plain loop
            with torch.no_grad():
                v = values
                packed = packed_lstm(v, "", v["x"], v["lengths"], 2, v["h0"], v["c0"])
                loop = packed_lstm_loop(v, "", v["x"], v["lengths"], 2, v["h0"], v["c0"])
                for got, want in zip(packed, loop):
                    assert torch.allclose(got, want, rtol=0, atol=1e-12), "packed_lstm loop"
        if case["name"].startswith("multihead_attention"):  # the module itself gives the same
            with torch.no_grad():
                v = values
                E, N = v["x"].shape[-1], case["sizes"]["N"]
                module = torch.nn.MultiheadAttention(E, N, dropout=0.0).double().eval()
                module.load_state_dict({k: v[k] for k in module.state_dict()})  # rnnc's names are the module's
                T = v["x"].shape[0]
                causal = case["name"] == "multihead_attention"
                mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1) if causal else None
                padding = length_mask(v["lengths"], T).transpose(0, 1) == 0
                got, _ = module(v["x"], v["x"], v["x"], key_padding_mask=padding, attn_mask=mask, need_weights=False)
                assert torch.allclose(got, whole["y"], rtol=0, atol=1e-12), case["name"]
        if case["name"] == "char_transformer":  # each block is torch.nn.TransformerEncoderLayer itself
            with torch.no_grad():
                v = values
                E, N, Fw = v["embedding"].shape[1], case["sizes"]["N"], case["sizes"]["F"]
                x = uniform([case["runtime"]["T"], case["runtime"]["B"], E], -1, 1).double()
                T = x.shape[0]
                for pre in ("layer0.", "layer1."):
                    module = torch.nn.TransformerEncoderLayer(E, N, Fw, dropout=0.0, activation="gelu", norm_first=True).double().eval()
                    module.load_state_dict({k: v[pre + transformer_layer_name(k)] for k in module.state_dict()})
                    ahead = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
                    got = module(x, src_mask=ahead)
                    assert torch.allclose(got, transformer_layer(v, pre, x, N), rtol=0, atol=1e-12), pre
    print("ok")


def main():
    torch.set_num_threads(1)  # keep float64 reductions in a fixed order
    if "--check" in sys.argv[1:]:
        check()
        return
    os.makedirs(OUT_DIR, exist_ok=True)
    write_index(OUT_DIR, [make_case(case, seed=4000 + i) for i, case in enumerate(cases())])


if __name__ == "__main__":
    main()
