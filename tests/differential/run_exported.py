"""Runs modules written by `rnnc export --torch`, for tests/differential/torch-export.test.ts.

    /usr/bin/python3 tests/differential/run_exported.py JOBS.json

JOBS.json lists jobs: {"module", "inputs", "seeds", "out", "seed", "float64", "dropout_seed"}.
Each builds the module's Model(seed), in float64 or float32, runs it on the inputs (in training
mode with that dropout seed when one is given, else in eval mode), and differentiates
sum(output * seed) over the seeded outputs. It writes to "out" (safetensors, F64): the outputs
by name, the gradients as grad.<parameter or input>, and the initial weights as init.<name>.
Needs Debian's python3-torch.
"""
import importlib.util
import inspect
import json
import struct
import sys

import torch


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_f64(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, tensor in tensors.items():
        blob = tensor.detach().to(torch.float64).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F64", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def run(job, number):
    exported = load(job["module"], f"exported_{number}")
    model = exported.Model(seed=job["seed"])
    result = {f"init.{name}": t for name, t in model.state_dict().items()}
    dtype = torch.float64 if job["float64"] else torch.float32
    model = model.to(dtype)
    given = {}
    for name, tensor in exported.load_safetensors(job["inputs"]).items():
        # Ids as a PyTorch user has them; everything else differentiable.
        spec = exported.INPUTS[name]
        given[spec["argument"]] = tensor.long() if spec["ids"] else tensor.to(dtype).requires_grad_(True)
    options = {}
    if job.get("dropout_seed") is not None:
        model.train()
        options["dropout_seed"] = job["dropout_seed"]
    else:
        model.eval()
    if "dropout_seed" not in inspect.signature(model.forward).parameters:
        options = {}
    outputs = model(**given, **options)
    result.update({name: value for name, value in outputs.items()})
    seeds = exported.load_safetensors(job["seeds"])
    total = sum((outputs[name] * seed.to(dtype)).sum() for name, seed in seeds.items())
    wrt = dict(model.named_parameters())
    wrt.update({name: given[spec["argument"]] for name, spec in exported.INPUTS.items() if spec["argument"] in given and not spec["ids"]})
    grads = torch.autograd.grad(total, list(wrt.values()), allow_unused=True)
    for (name, tensor), grad in zip(wrt.items(), grads):
        result[f"grad.{name}"] = torch.zeros_like(tensor) if grad is None else grad
    write_f64(job["out"], result)


if __name__ == "__main__":
    torch.set_num_threads(1)
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    for number, job in enumerate(jobs):
        try:
            run(job, number)
        except Exception as e:  # the test reports which module failed, and how
            with open(job["out"] + ".error", "w") as f:
                f.write(f"{type(e).__name__}: {e}")
