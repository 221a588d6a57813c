"""Runs the same ResNet-18 weights in PyTorch on CPU and compares with candle.

Not part of CI. Steps:
    cargo bench -p model --bench latency -- --export /tmp/r18       # weights, input, candle output + timing
    python3 -m venv /root/.cache/lector/venv-torch
    /root/.cache/lector/venv-torch/bin/pip install torch torchvision safetensors
    /root/.cache/lector/venv-torch/bin/python model/benches/torch_compare.py /tmp/r18
Prints the max |candle − torch| logit difference and the candle/PyTorch time ratio at the same
thread count (torch.set_num_threads = the machine's cores, as candle uses).
"""
import json
import os
import sys
import time

import torch
import torchvision
from safetensors.torch import load_file


def median_time(fn, reps):
    fn()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2]


def main(d):
    torch.set_num_threads(os.cpu_count())
    state = load_file(os.path.join(d, "resnet18.safetensors"))
    net = torchvision.models.resnet18()
    missing, unexpected = net.load_state_dict(state, strict=False)
    assert not unexpected, unexpected
    assert all(k.endswith("num_batches_tracked") for k in missing), missing
    net.eval()
    x = load_file(os.path.join(d, "input.safetensors"))["x"]
    y_candle = load_file(os.path.join(d, "output.safetensors"))["y"]
    with torch.no_grad():
        y = net(x)
        print(f"max |candle - torch| = {(y - y_candle).abs().max().item():.3e} (target 1e-4)")
        candle = json.load(open(os.path.join(d, "candle_timing.json")))
        for b in (1, 32):
            xb = torch.randn(b, 3, 224, 224)
            t = median_time(lambda: net(xb), 10 if b == 1 else 3) * 1e3 / b
            c = candle[f"batch{b}_ms_per_image"]
            print(f"batch {b:2d}: torch {t:8.2f} ms/img, candle {c:8.2f} ms/img, ratio candle/torch {c / t:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/r18")
