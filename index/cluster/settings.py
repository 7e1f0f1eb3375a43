"""The options of `rag index --ray` and their defaults, with how each was chosen."""

from __future__ import annotations

from dataclasses import dataclass

# Articles per Ray Data block and per actor call. The local analysis hands a worker 64
# articles a task (index/analysis/parallel.py ARTICLES_PER_TASK): about 600 sentences and
# 7 s of one core for Reuters stories (110 ms an article, `rag benchmark cluster`), so
# Ray's own cost per block (0.03 s measured with no-op blocks through both pools) stays
# under 1%, and a killed driver loses at most one block per actor. Larger blocks only make
# progress coarser and the last block's tail longer.
DEFAULT_BATCH_ARTICLES = 64
# Logical CPUs each analysis and each encoder actor asks for. Half a CPU each puts one
# analyser and one encoder on every 1-CPU node: the encoder embeds block k while the
# analyser parses block k+1, so neither pool waits on the other's actors to be scheduled
# (with 1 CPU each, analysers would hold every CPU and the encoders would never start).
ANALYSER_CPUS = 0.5
ENCODER_CPUS = 0.5
# Threads an encoder actor's ONNX Runtime / torch uses: one per actor, as Ray gives the
# actor its share of one core; more threads on a shared core only contend.
ENCODER_THREADS = 1
# Seconds `ray.init` may take to reach a cluster before `--ray ADDRESS` fails in one line.
CONNECT_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class ClusterSettings:
    """Where and how `rag index --ray` runs. None counts are chosen from the cluster."""

    address: str  # "auto" (the cluster this machine belongs to) or "HOST:PORT"
    analysers: int | None = None  # None: one per CPU of the cluster
    encoders: int | None = None  # None: one per GPU when the cluster has GPUs, else per CPU
    batch_articles: int = DEFAULT_BATCH_ARTICLES
    encoder_gpus: float | None = None  # None: 1 per encoder when the cluster has GPUs, else 0


@dataclass(frozen=True)
class PoolSizes:
    """The actor pools of one run, resolved against the cluster's resources."""

    analysers: int
    analyser_cpus: float
    encoders: int
    encoder_gpus: float


def resolve_pools(settings: ClusterSettings, cpus: float, gpus: float) -> PoolSizes:
    """Pool sizes for a cluster of `cpus` CPUs and `gpus` GPUs (at least one actor each)."""
    whole_cpus = max(1, int(cpus))
    per_gpu = settings.encoder_gpus if settings.encoder_gpus is not None else (1.0 if gpus else 0)
    if settings.encoders is not None:
        encoders = settings.encoders
    elif per_gpu > 0:
        encoders = max(1, int(gpus / per_gpu))
    else:
        encoders = whole_cpus
    if per_gpu == 0:  # analysers and encoders share the CPUs half and half
        return PoolSizes(settings.analysers or whole_cpus, ANALYSER_CPUS, max(1, encoders), 0)
    # the encoders on GPUs: the CPUs they leave go to analysers of a whole CPU each
    free = max(1, int(cpus - ENCODER_CPUS * encoders))
    return PoolSizes(settings.analysers or free, 1.0, max(1, encoders), per_gpu)
