"""A builder written the way torchvision writes its own: register_model, handle_legacy_interface,
a WeightsEnum whose verify(None) is None, _log_api_usage_once, Conv2dNormActivation-style
partial norm layers, a subclass of nn.LayerNorm (ConvNeXt's LayerNorm2d), stochastic depth
drawn with bernoulli_, RegNet-style widths computed with tensors, del and set()."""
import math
from functools import partial
from typing import Any, Callable, List, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models._api import register_model, Weights, WeightsEnum
from torchvision.models._utils import handle_legacy_interface
from torchvision.transforms._presets import ImageClassification
from torchvision.utils import _log_api_usage_once


class LayerNorm2d(nn.LayerNorm):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.permute(0, 2, 3, 1)
        x = F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


def stochastic_depth(input: torch.Tensor, p: float, training: bool = True) -> torch.Tensor:
    if p < 0.0 or p > 1.0:
        raise ValueError(f"drop probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0:
        return input
    size = [input.shape[0]] + [1] * (input.ndim - 1)
    noise = torch.empty(size, dtype=input.dtype, device=input.device)
    noise = noise.bernoulli_(1.0 - p)
    return input * noise.div_(1.0 - p)


class Block(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int, p: float, norm_layer: Callable[..., nn.Module]) -> None:
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.norm = norm_layer(cout)
        self.act = nn.GELU()
        self.p = p
        if self.__class__.__name__ != "Block":
            raise TypeError("only Block")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return stochastic_depth(self.act(self.norm(self.conv(x))), self.p, self.training)


def block_widths(depth: int, w_0: int, w_a: float, w_m: float) -> List[int]:
    widths_cont = torch.arange(depth) * w_a + w_0
    block_capacity = torch.round(torch.log(widths_cont / w_0) / math.log(w_m))
    widths = (torch.round(torch.divide(w_0 * torch.pow(w_m, block_capacity), 8)) * 8).int().tolist()
    assert len(set(widths)) <= depth
    return widths


class TinyNet(nn.Module):
    def __init__(self, widths: List[int], num_classes: int = 1000, norm_layer: Optional[Callable[..., nn.Module]] = None) -> None:
        super().__init__()
        _log_api_usage_once(self)
        if norm_layer is None:
            norm_layer = partial(LayerNorm2d, eps=1e-6)
        rates = [x.item() for x in torch.linspace(0, 0.2, len(widths))]
        layers = []
        cin = 3
        for width, rate in zip(widths, rates):
            layers.append(Block(cin, width, 2, rate, norm_layer))
            cin = width
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Linear(cin, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(torch.flatten(self.pool(self.features(x)), 1))


class TinyNet_Weights(WeightsEnum):
    IMAGENET1K_V1 = Weights(
        url="https://example.invalid/tinynet.pth",
        transforms=partial(ImageClassification, crop_size=224),
        meta={"num_params": 0, "categories": ["a", "b"]},
    )
    DEFAULT = IMAGENET1K_V1


def _ovewrite_named_param(kwargs, param: str, new_value: Any) -> None:
    if param in kwargs:
        if kwargs[param] != new_value:
            raise ValueError(f"The parameter '{param}' expected value {new_value} but got {kwargs[param]} instead.")
    else:
        kwargs[param] = new_value


@register_model()
@handle_legacy_interface(weights=("pretrained", TinyNet_Weights.IMAGENET1K_V1))
def tinynet(*, weights: Optional[TinyNet_Weights] = None, progress: bool = True, **kwargs: Any) -> TinyNet:
    weights = TinyNet_Weights.verify(weights)
    if weights is not None:
        _ovewrite_named_param(kwargs, "num_classes", len(weights.meta["categories"]))
    options = dict(depth=4, w_0=16, w_a=12.5, w_m=2.0, extra=None)
    del options["extra"]
    model = TinyNet(block_widths(**options), **kwargs)
    if weights is not None:
        model.load_state_dict(weights.get_state_dict(progress=progress))
    return model


model = tinynet()
out = model(torch.randn(1, 3, 64, 64))
