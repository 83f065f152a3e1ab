"""PyTorch on the CPU, one thread, on npm run bench's workloads (scripts/bench.mjs): prints a
JSON list of {workload, ms: {median, min, max}, tokens, flops}. Needs PyTorch (Debian's
python3-torch at /usr/bin/python3).

    /usr/bin/python3 scripts/bench_torch.py [ROUNDS]
    /usr/bin/python3 scripts/bench_torch.py --onnx DIR   # W1's layers as ONNX files, for ONNX Runtime Web
"""
import json
import sys
import time

import torch

torch.set_num_threads(1)  # two threads are erratic on small machines; one is the steady figure
I, B, T = 128, 32, 128
W1 = [("W1 LSTM H=256", torch.nn.LSTM, 256, 4), ("W1 LSTM H=512", torch.nn.LSTM, 512, 4), ("W1-GRU H=256", torch.nn.GRU, 256, 3)]

if sys.argv[1:2] == ["--onnx"]:
    # Each W1 layer as ONNX (one LSTM or GRU node), named as bench_ort.mjs reads them.
    for name, module, H, _ in W1:
        path = f"{sys.argv[2]}/{name.replace(' ', '_').replace('=', '')}.onnx"
        torch.onnx.export(module(I, H), (torch.randn(T, B, I),), path, input_names=["x"], output_names=["y", "h"] if module is torch.nn.GRU else ["y", "h", "c"], opset_version=17)
    sys.exit(0)
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def timed(run):
    """ms of each timed run after one warm-up: median, min, max."""
    run()
    ms = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        ms.append((time.perf_counter() - started) * 1000)
    ms.sort()
    return {"median": ms[len(ms) // 2], "min": ms[0], "max": ms[-1]}


results = []
for name, module, H, gates in W1:
    layer = module(I, H)
    x = torch.randn(T, B, I)
    with torch.no_grad():
        ms = timed(lambda: layer(x))
    results.append({"workload": name, "ms": ms, "tokens": T * B, "flops": 2 * T * B * gates * H * (I + H)})


class CharLSTM(torch.nn.Module):
    """char_lstm.cell: embedding 64 -> 2 x LSTM 256 (dropout 0.1 between) -> linear."""

    def __init__(self, V=65, E=64, H=256):
        super().__init__()
        self.embedding = torch.nn.Embedding(V, E)
        self.rnn = torch.nn.LSTM(E, H, num_layers=2, dropout=0.1)
        self.decoder = torch.nn.Linear(H, V)

    def forward(self, tokens, targets):
        y, _ = self.rnn(self.embedding(tokens))
        logits = self.decoder(y)
        return torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))


V, E, H, TB, BB = 65, 64, 256, 64, 32
model = CharLSTM(V, E, H)
optimizer = torch.optim.AdamW(model.parameters(), lr=0.002, weight_decay=0.01)
tokens, targets = torch.randint(0, V, (TB, BB)), torch.randint(0, V, (TB, BB))


def step():
    optimizer.zero_grad()
    loss = model(tokens, targets)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    return loss.item()


results.append({"workload": "W2 char-LM train step", "ms": timed(step), "tokens": TB * BB, "flops": 3 * 2 * TB * BB * (4 * H * (E + H) + 4 * H * (H + H) + V * H)})

# W3: batch-1 generation from a 2 x LSTM 512 char-LM, 1024 tokens, each drawn from the softmax.
generator = CharLSTM(V, E, 512)


@torch.no_grad()
def generate(length=1024):
    token, state = torch.zeros(1, 1, dtype=torch.long), None
    for _ in range(length):
        y, state = generator.rnn(generator.embedding(token), state)
        token = torch.multinomial(torch.softmax(generator.decoder(y[-1]), -1), 1).view(1, 1)


results.append({"workload": "W3 generation, 1024 tokens", "ms": timed(generate), "tokens": 1024, "flops": 1024 * 2 * (4 * 512 * (E + 512) + 4 * 512 * (512 + 512) + V * 512)})
print(json.dumps(results))
