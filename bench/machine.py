"""One line describing the machine a bench ran on: the int8 speed of the models depends on
whether the CPU has VNNI dot-product instructions, so the line says so."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpuinfo(field: str) -> str:
    """The first value of ``field`` in /proc/cpuinfo ("" where there is none)."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(field):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def describe() -> str:
    flags = set(cpuinfo("flags").split())
    simd = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    vnni = "with" if {"avx512_vnni", "avx_vnni"} & flags else "without"
    model = cpuinfo("model name") or platform.processor() or platform.machine()
    return (f"{model}, {os.cpu_count()} CPUs, {simd} {vnni} VNNI (int8 dot products), "
            f"Python {platform.python_version()}")


if __name__ == "__main__":
    print(describe())
