"""One line describing the machine a bench ran on: the int8 speed of the models depends on
whether the CPU has VNNI dot-product instructions, so the line says so."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cpu_flags() -> set[str]:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def describe() -> str:
    flags = cpu_flags()
    simd = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    vnni = "with" if {"avx512_vnni", "avx_vnni"} & flags else "without"
    return (f"{cpu_model()}, {os.cpu_count()} CPUs, {simd} {vnni} VNNI (int8 dot products), "
            f"Python {platform.python_version()}")


if __name__ == "__main__":
    print(describe())
