"""Configuration idioms of real model files: @dataclass block configs (annotated fields,
defaults, field(default_factory=...), __post_init__, inheritance with super().__init__),
NamedTuple classes, collections.namedtuple, functools.partial norm layers, typing.cast,
annotations of every kind, and decorators the interpreter cannot follow."""
import functools
from collections import namedtuple
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable, List, NamedTuple, Optional, cast

import torch
import torch.nn as nn

WIDTH: int = 8
scale: "float"


@dataclass
class _BlockConfig:
    expand_ratio: float
    kernel: int
    stride: int
    input_channels: int
    out_channels: int
    num_layers: int
    block: Optional[Callable[..., nn.Module]] = None


class BlockConfig(_BlockConfig):
    def __init__(self, expand_ratio: float, kernel: int, stride: int, cin: int, cout: int, layers: int, width_mult: float = 1.0) -> None:
        super().__init__(expand_ratio, kernel, stride, int(cin * width_mult), int(cout * width_mult), layers)


@dataclass(frozen=False)
class Stage:
    channels: int
    depth: int = 2
    kernel: int = 3
    dilations: List[int] = field(default_factory=list)
    groups: int = field(default=1)

    def __post_init__(self) -> None:
        self.padding = self.kernel // 2
        if not self.dilations:
            self.dilations = [1] * self.depth


class Spec(NamedTuple):
    cin: int
    cout: int
    stride: int = 1


Pair = namedtuple("Pair", ["a", "b"], defaults=[4])
Kernel = namedtuple("Kernel", "h w")


def with_logging(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


@torch.no_grad()
def _init(module: nn.Module) -> None:
    pass


class Net(nn.Module):
    depth_hint: int = 2

    def __init__(self, stages: "List[Stage]", configs: List[BlockConfig], norm_layer: Optional[Callable[..., nn.Module]] = None) -> None:
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        layers: List[nn.Module] = []
        cin: int = 3
        for stage in stages:
            for d in stage.dilations:
                layers.append(nn.Conv2d(cin, stage.channels, stage.kernel, padding=stage.padding * d, dilation=d, groups=stage.groups))
                layers.append(norm_layer(stage.channels))
                cin = stage.channels
        for cfg in configs:
            layers.append(nn.Conv2d(cin, cfg.out_channels, cfg.kernel, cfg.stride, cfg.kernel // 2))
            cin = cfg.out_channels
        self.features = nn.Sequential(*layers)
        spec = Spec(cin, WIDTH * 4, stride=2)
        cin_, cout_, stride_ = spec
        self.down = nn.Conv2d(cin_, cout_, 3, stride_, 1)
        pair = Pair(1)
        kernel = Kernel(3, w=1)
        self.side = nn.Conv2d(spec[1], spec.cout, (kernel.h, kernel.w), padding=(1, 0))
        self.pool = nn.AdaptiveAvgPool2d(pair.a)
        self.fc = nn.Linear(cast(int, spec.cout), pair.b * len(spec))

    @property
    def width(self) -> int:
        return self.fc.in_features

    @width.setter
    def width(self, value: int) -> None:
        raise AttributeError("read-only")

    @torch.jit.unused
    def _stem(self, x: torch.Tensor) -> torch.Tensor:
        return self.down(self.features(x))

    @with_logging
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.side(self._stem(x))
        return self.fc(torch.flatten(self.pool(x), 1))[:, : self.width]


stages = [Stage(8), Stage(channels=16, kernel=5, dilations=[1, 2])]
configs = [BlockConfig(1, 3, 2, 16, 24, 1, width_mult=1.5), BlockConfig(6, 5, 1, 24, 32, 2)]
model = Net(stages, configs, norm_layer=partial(nn.BatchNorm2d, eps=0.001, momentum=0.01))
model.apply(_init)
out = model(torch.randn(1, 3, 32, 32))
