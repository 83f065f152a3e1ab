# rnnc_train.py: trains a module written by `rnnc export --torch` as a character language model.
"""Trains MODEL.py (from `rnnc export --torch`) on a text as `rnnc train` does, on one process or
many: the same data pipeline (a sorted character vocabulary, the first 90% trains and the last
10% validates, B streams read side by side T characters at a time with the state carried from
batch to batch and the gradient cut there), warm-up then cosine decay, AdamW, gradient-norm
clipping. Checkpoints are rnnc run folders, so `rnnc sample` and `rnnc compile --checkpoint`
read them as they are.

    python3 rnnc_train.py MODEL.py --data FILE -o RUN_DIR [--steps N --batch B --seq T ...]
    torchrun --nproc_per_node 4 rnnc_train.py MODEL.py --data FILE -o RUN_DIR ...

Under torchrun each process trains its share of the B streams (B must divide evenly) with
DistributedDataParallel: Gloo on CPUs, NCCL on CUDA GPUs. The gradients are averaged over all
streams and dropout draws the whole batch's masks, so N processes follow one process's
trajectory at the same global batch. Needs PyTorch; the module needs nothing else.
"""
import argparse
import hashlib
import importlib.util
import inspect
import json
import math
import os
import sys
import time

import torch
import torch.distributed as dist


def options():
    p = argparse.ArgumentParser(description="Train a module written by `rnnc export --torch` as a character language model.")
    p.add_argument("module", help="the module (MODEL.py)")
    p.add_argument("--data", required=True, help="the text to learn (UTF-8): the first 90%% trains, the last 10%% validates")
    p.add_argument("-o", dest="out", required=True, help="run folder for checkpoints and loss.csv")
    p.add_argument("--steps", type=int, default=2000, help="training steps (default 2000)")
    p.add_argument("--batch", type=int, default=32, help="streams per batch, over all processes (default 32)")
    p.add_argument("--seq", type=int, default=64, help="characters per stream and step (default 64)")
    p.add_argument("--lr", type=float, default=0.002, help="peak learning rate (default 0.002)")
    p.add_argument("--min-lr", type=float, help="learning rate at the end of the cosine decay (default lr/10)")
    p.add_argument("--warmup", type=int, default=50, help="steps of linear warm-up (default 50)")
    p.add_argument("--optimizer", choices=["adamw", "adam", "sgd"], default="adamw")
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--momentum", type=float, default=0.9, help="SGD momentum (default 0.9)")
    p.add_argument("--clip", type=float, default=1.0, help="clip the gradient norm to this (default 1; 0: off)")
    p.add_argument("--log-every", type=int, default=10)
    p.add_argument("--eval-every", type=int, default=100)
    p.add_argument("--eval-batches", type=int, help="validation batches each time (default: the whole validation split)")
    p.add_argument("--checkpoint-every", type=int, default=200)
    p.add_argument("--seed", type=int, default=0, help="seed of the initial weights, as rnnc's --seed (default 0)")
    p.add_argument("--device", help="cpu or cuda (default: cuda when there is a GPU)")
    p.add_argument("--threads", type=int, default=1, help="CPU threads per process (default 1)")
    a = p.parse_args()
    a.min_lr = a.lr / 10 if a.min_lr is None else a.min_lr
    for name in ("steps", "batch", "seq", "log_every", "eval_every", "checkpoint_every", "threads"):
        if getattr(a, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    return a


def load_module(path):
    spec = importlib.util.spec_from_file_location("exported_model", path)
    if spec is None or not os.path.exists(path):
        sys.exit(f"rnnc_train.py: {path} does not exist; write it with: rnnc export --torch MODEL.cell -o {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not hasattr(module, "Model") or not hasattr(module, "INPUTS"):
        sys.exit(f"rnnc_train.py: {path} was not written by rnnc export --torch")
    return module


def read_text(path):
    """The text's character ids and its vocabulary, sorted as rnnc sorts it (by UTF-16 code units)."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8").lstrip("\ufeff")
    vocab = sorted(set(text), key=lambda c: c.encode("utf-16-be"))
    index = {c: i for i, c in enumerate(vocab)}
    return torch.tensor([index[c] for c in text], dtype=torch.int64), vocab


def batches_per_epoch(ids, T, B):
    return ((len(ids) - 1) // B) // T


def batch_at(ids, k, T, B):
    """Batch k of B contiguous streams over ids: tokens and next-character targets [T, B], and whether it starts an epoch."""
    stream = (len(ids) - 1) // B
    at = (k % batches_per_epoch(ids, T, B)) * T
    starts = torch.arange(B) * stream + at
    index = starts.unsqueeze(0) + torch.arange(T).unsqueeze(1)
    return ids[index], ids[index + 1], k % batches_per_epoch(ids, T, B) == 0


def learning_rate(step, a):
    """Linear warm-up, then cosine decay to min-lr at the last step (step counts from 1)."""
    if step <= a.warmup:
        return a.lr * step / max(1, a.warmup)
    progress = min(1.0, (step - a.warmup) / max(1, a.steps - a.warmup))
    return a.min_lr + 0.5 * (a.lr - a.min_lr) * (1 + math.cos(math.pi * progress))


class Run:
    """The processes: this one's rank, its share of the streams, and the averages over all."""

    def __init__(self, a):
        self.distributed = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
        cuda = (a.device or ("cuda" if torch.cuda.is_available() else "cpu")) == "cuda"
        if self.distributed:
            dist.init_process_group("nccl" if cuda else "gloo")
        self.rank = dist.get_rank() if self.distributed else 0
        self.world = dist.get_world_size() if self.distributed else 1
        local = int(os.environ.get("LOCAL_RANK", 0))
        self.device = torch.device(f"cuda:{local}" if cuda else "cpu")
        if cuda:
            torch.cuda.set_device(self.device)
        if a.batch % self.world:
            self.fail(f"--batch {a.batch} does not divide among {self.world} processes")
        self.share = slice(self.rank * a.batch // self.world, (self.rank + 1) * a.batch // self.world)

    def mean(self, value):
        """The mean of a number over the processes."""
        if not self.distributed:
            return value
        t = torch.tensor([value], dtype=torch.float64, device=self.device)
        dist.all_reduce(t)
        return t.item() / self.world

    def gather(self, tensor, axis):
        """The processes' tensors joined along the batch axis (on the first process)."""
        if not self.distributed:
            return tensor
        parts = [torch.empty_like(tensor) for _ in range(self.world)]
        dist.all_gather(parts, tensor.contiguous())
        return torch.cat(parts, axis)

    def fail(self, message):
        if self.rank == 0:
            print(f"rnnc_train.py: {message}", file=sys.stderr)
        sys.exit(1)

    def say(self, message):
        if self.rank == 0:
            print(message, flush=True)


def check_model(exported, vocab, run):
    names = exported.INPUTS
    if "tokens" not in names or "targets" not in names or "loss" not in exported.OUTPUTS or "logits" not in exported.OUTPUTS:
        run.fail(f"{exported.SOURCE} is not a language model: it needs inputs 'tokens' and 'targets' and outputs 'loss' and 'logits' (see dsl-examples/char_lstm.cell)")
    if exported.SIZES.get("V", len(vocab)) != len(vocab):
        run.fail(f"the module was exported with V={exported.SIZES['V']}, but the text has {len(vocab)} distinct characters; export it again with --set V={len(vocab)}")


def batch_axis(exported, name):
    """The axis of input `name` that counts the streams (size B)."""
    return exported.INPUTS[name]["shape"].index("B")


def save_checkpoint(a, exported, vocab, step, seconds, model, optimizer, carried):
    """An rnnc run folder's checkpoint: step-stamped safetensors, then checkpoint.json naming them with their sizes and hashes."""
    stamp = str(step).zfill(7)
    trained = [name for name, _, _, is_trained in exported.PARAMETERS if is_trained]
    named = dict(model.named_parameters())
    moments = []
    for key in ("exp_avg", "exp_avg_sq") if a.optimizer != "sgd" else ("momentum_buffer", None):
        for name in trained:
            state = optimizer.state.get(named[name], {})
            value = state.get(key) if key else None
            moments.append((value if value is not None else torch.zeros_like(named[name])).reshape(-1))
    state = {"moments": torch.stack([torch.cat(moments[: len(trained)]), torch.cat(moments[len(trained) :])])}
    state.update(carried)
    weights = {name: tensor for name, tensor in model.state_dict().items()}
    files = {}
    for kind, tensors in (("weights", weights), ("state", state)):
        name = f"{kind}-{stamp}.safetensors"
        path = os.path.join(a.out, name)
        exported.save_safetensors(path + ".tmp", tensors)
        os.replace(path + ".tmp", path)
        with open(path, "rb") as f:
            data = f.read()
        files[kind] = {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    sizes = dict(exported.SET)
    if "V" in exported.SIZES:
        sizes["V"] = len(vocab)
    info = {
        "format": "rnnc-checkpoint-1",
        "model": exported.SOURCE,
        "sizes": sizes,
        "vocab": vocab,
        "step": step,
        "seconds": seconds,
        "options": {
            "steps": a.steps, "batch": a.batch, "seq": a.seq, "lr": a.lr, "min-lr": a.min_lr, "warmup": a.warmup, "clip": a.clip,
            "weight-decay": a.weight_decay, "momentum": a.momentum, "log-every": a.log_every, "eval-every": a.eval_every,
            "eval-batches": a.eval_batches, "checkpoint-every": a.checkpoint_every, "seed": a.seed, "optimizer": a.optimizer,
            "trainer": "pytorch", "processes": int(os.environ.get("WORLD_SIZE", 1)),
        },
        "files": files,
    }
    sidecar = os.path.join(a.out, "checkpoint.json")
    with open(sidecar + ".tmp", "w", encoding="utf-8") as f:
        json.dump(info, f, indent=2, ensure_ascii=False)
    os.replace(sidecar + ".tmp", sidecar)
    for old in os.listdir(a.out):
        if old.endswith(".safetensors") and old.split("-")[0] in ("weights", "state") and old not in (files["weights"]["name"], files["state"]["name"]):
            os.remove(os.path.join(a.out, old))


def write_curve(a, points):
    rows = ["step,train_loss,validation_loss,seconds"]
    for step in sorted(points):
        p = points[step]
        rows.append(f"{step},{p.get('train', '')},{p.get('validation', '')},{p['seconds']:.2f}")
    with open(os.path.join(a.out, "loss.csv.tmp"), "w") as f:
        f.write("\n".join(rows) + "\n")
    os.replace(os.path.join(a.out, "loss.csv.tmp"), os.path.join(a.out, "loss.csv"))


def main():
    a = options()
    torch.set_num_threads(a.threads)
    run = Run(a)
    exported = load_module(a.module)
    ids, vocab = read_text(a.data)
    check_model(exported, vocab, run)
    cut = int(len(ids) * 0.9)
    train_ids, validation_ids = ids[:cut], ids[cut:]
    T, B = a.seq, a.batch
    for part, part_ids in (("training", train_ids), ("validation", validation_ids)):
        if batches_per_epoch(part_ids, T, B) < 1:
            run.fail(f"the {part} part of the text ({len(part_ids)} characters) is too short for one batch of {B} streams of {T} characters; use a smaller --batch or --seq")
    eval_batches = a.eval_batches or max(1, batches_per_epoch(validation_ids, T, B))
    a.eval_batches = eval_batches
    carries = {name: spec["of"] for name, spec in exported.OUTPUTS.items() if spec["role"] == "state"}
    dropout = "dropout_seed" in inspect.signature(exported.Model.forward).parameters

    def arguments(inputs):
        """Inputs by name as forward()'s keyword arguments (a name Python reserves has another)."""
        return {exported.INPUTS[name]["argument"]: value for name, value in inputs.items()}

    model = exported.Model(seed=a.seed).to(run.device)
    trained = [p for p in model.parameters()]
    if a.optimizer == "adamw":
        optimizer = torch.optim.AdamW(trained, lr=a.lr, weight_decay=a.weight_decay)
    elif a.optimizer == "adam":
        optimizer = torch.optim.Adam(trained, lr=a.lr, weight_decay=a.weight_decay)
    else:
        optimizer = torch.optim.SGD(trained, lr=a.lr, momentum=a.momentum, weight_decay=a.weight_decay)
    net = torch.nn.parallel.DistributedDataParallel(model) if run.distributed else model
    count = sum(p.numel() for p in trained)
    run.say(f"{exported.SOURCE}: {count:,} parameters, vocabulary {len(vocab)}, {len(train_ids):,} training and {len(validation_ids):,} validation characters")
    run.say(f"training for {a.steps} steps of {B}x{T} characters ({run.world} process{'es' if run.world > 1 else ''}, {B // run.world} streams each), {a.optimizer} lr {a.lr}, on {run.device}")
    if run.rank == 0:
        os.makedirs(a.out, exist_ok=True)

    def share(tokens, targets):
        return tokens[:, run.share].to(run.device), targets[:, run.share].to(run.device)

    def validate():
        model.eval()
        total, state = 0.0, {}
        with torch.no_grad():
            for k in range(eval_batches):
                tokens, targets = share(*batch_at(validation_ids, k, T, B)[:2])
                out = model(tokens=tokens, targets=targets, **arguments(state))
                total += out["loss"].item()
                state = {carries[name]: out[name] for name in carries}
        model.train()
        return run.mean(total / eval_batches)

    points, state, seconds, started = {}, {}, 0.0, time.time()
    loss = validation = None
    for step in range(1, a.steps + 1):
        began = time.time()
        tokens, targets, new_epoch = batch_at(train_ids, step - 1, T, B)
        if new_epoch:
            state = {}
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, a)
        tokens, targets = share(tokens, targets)
        # A new dropout mask every step, as rnnc draws it, the whole batch's on every process.
        extra = {"dropout_seed": (a.seed * 7919 + step) % 16777216, "dropout_streams": (run.share.start, B)} if dropout else {}
        out = net(tokens=tokens, targets=targets, **arguments(state), **extra)
        optimizer.zero_grad(set_to_none=True)
        out["loss"].backward()
        if a.clip > 0:
            torch.nn.utils.clip_grad_norm_(trained, a.clip)
        optimizer.step()
        # Truncated backpropagation: the state goes on, its gradient stops here.
        state = {carries[name]: out[name].detach() for name in carries}
        seconds += time.time() - began
        last = step == a.steps
        if step % a.log_every == 0 or last:
            loss = run.mean(out["loss"].item())
            points.setdefault(step, {"seconds": seconds})["train"] = loss
        if step % a.eval_every == 0 or last:
            validation = validate()
            points.setdefault(step, {"seconds": seconds})["validation"] = validation
        if step % a.log_every == 0 or step % a.eval_every == 0 or last:
            rate = step * B * T / max(time.time() - started, 1e-9)
            run.say(f"step {step}/{a.steps}  loss {loss:.4f}  val {'-' if validation is None else f'{validation:.4f}'}  {rate:,.0f} tok/s")
            if run.rank == 0:
                write_curve(a, points)
        if step % a.checkpoint_every == 0 or last:
            carried = {name: run.gather(value, batch_axis(exported, name)) for name, value in state.items()}
            if run.rank == 0:
                save_checkpoint(a, exported, vocab, step, seconds, model, optimizer, carried)
    run.say(f"final: train loss {loss:.4f}, validation loss {validation:.4f} nats/char; checkpoint and loss.csv in {a.out} ({time.time() - started:.1f} s)")
    if run.distributed:
        # The DDP wrapper let go while every process is still here: otherwise a process may wait
        # forever at exit on a collective the others have left.
        dist.barrier()
        del net
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
