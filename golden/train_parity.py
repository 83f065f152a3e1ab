"""Train the same char-LSTM with rnnc and with PyTorch and compare the loss trajectories.

    /usr/bin/python3 golden/train_parity.py [--steps 200] [--data ../shared/data/tinyshakespeare.txt]

Both start from the same initial weights (made here, saved as safetensors for `rnnc train
--weights`), read the same batches (B contiguous streams, T characters each, state carried
across batches, gradient cut at the batch edge), and use AdamW with the same warm-up and
cosine schedule and gradient-norm clipping. Prints the largest difference between the two
training losses over all steps. Needs Debian's python3-torch.
"""
import argparse, csv, json, math, os, struct, subprocess, sys, tempfile
import torch

p = argparse.ArgumentParser()
p.add_argument("--steps", type=int, default=200)
p.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "tinyshakespeare.txt"))
a = p.parse_args()
V_E_H, B, T, LR, WARMUP, CLIP, WD = (32, 64), 16, 32, 0.003, 20, 1.0, 0.01
E, H = V_E_H
torch.manual_seed(0)
torch.set_num_threads(2)

text = open(a.data, encoding="utf-8").read()
vocab = sorted(set(text))
index = {c: i for i, c in enumerate(vocab)}
ids = torch.tensor([index[c] for c in text])
train_ids = ids[: int(len(ids) * 0.9)]
V = len(vocab)

class CharLSTM(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(V, E)
        self.rnn = torch.nn.LSTM(E, H, num_layers=1)
        self.decoder = torch.nn.Linear(H, V)
    def forward(self, tokens, state):
        y, state = self.rnn(self.embedding(tokens), state)
        return self.decoder(y), state

model = CharLSTM()
names = {"embedding": "embedding.weight", "decoder_weight": "decoder.weight", "decoder_bias": "decoder.bias"}
names.update({f"rnn.{k}": f"rnn.{k}" for k, _ in model.rnn.named_parameters()})
params = dict(model.named_parameters())

def write_st(path, tensors):
    header, off, blobs = {}, 0, []
    for k, t in tensors.items():
        b = t.detach().contiguous().float().numpy().tobytes()
        header[k] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
        off += len(b); blobs.append(b)
    h = json.dumps(header).encode(); h += b" " * ((8 - len(h) % 8) % 8)
    open(path, "wb").write(struct.pack("<Q", len(h)) + h + b"".join(blobs))

tmp = tempfile.mkdtemp()
write_st(os.path.join(tmp, "init.safetensors"), {ours: params[theirs] for ours, theirs in names.items()})

# rnnc's run.
run = os.path.join(tmp, "run")
cmd = ["node", "bin/rnnc.js", "train", "dsl-examples/char_lstm.cell", "--data", a.data, "-o", run, "--weights", os.path.join(tmp, "init.safetensors"),
       "--steps", str(a.steps), "--batch", str(B), "--seq", str(T), "--lr", str(LR), "--warmup", str(WARMUP), "--clip", str(CLIP),
       "--weight-decay", str(WD), "--optimizer", "adamw", "--log-every", "1", "--eval-every", str(a.steps), "--checkpoint-every", str(a.steps),
       "--set", f"E={E}", "--set", f"H={H}", "--set", "L=1"]
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
ours = {int(r["step"]): float(r["train_loss"]) for r in csv.DictReader(open(os.path.join(run, "loss.csv"))) if r["train_loss"]}

# PyTorch's run, on the same batches and schedule.
optimizer = torch.optim.AdamW(model.parameters(), lr=LR, betas=(0.9, 0.999), eps=1e-8, weight_decay=WD)
stream = (len(train_ids) - 1) // B
per_epoch = stream // T
state = None
worst = 0.0
for step in range(1, a.steps + 1):
    k = (step - 1) % per_epoch
    if k == 0: state = None
    starts = torch.arange(B) * stream + k * T
    tokens = torch.stack([train_ids[s : s + T] for s in starts], dim=1)
    targets = torch.stack([train_ids[s + 1 : s + T + 1] for s in starts], dim=1)
    lr = LR * step / WARMUP if step <= WARMUP else LR / 10 + 0.5 * (LR - LR / 10) * (1 + math.cos(math.pi * min(1, (step - WARMUP) / max(1, a.steps - WARMUP))))
    for g in optimizer.param_groups: g["lr"] = lr
    logits, state = model(tokens, state)
    state = tuple(s.detach() for s in state)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
    optimizer.step()
    diff = abs(loss.item() - ours[step])
    worst = max(worst, diff)
    if step % 20 == 0 or step == 1:
        print(f"step {step:4d}  pytorch {loss.item():.5f}  rnnc {ours[step]:.5f}  difference {diff:.2e}")
print(f"largest difference over {a.steps} steps: {worst:.2e} nats")
sys.exit(0 if worst < 1e-2 else 1)
