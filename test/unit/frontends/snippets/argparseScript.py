"""A training script's generator sized from its command line (pytorch/examples' DCGAN style):
argparse options with type, default, dest, dashes, store_true, a string default converted by
its type, an option group and set_defaults; the run uses the declared defaults."""
import argparse

import torch
import torch.nn as nn

parser = argparse.ArgumentParser(description="DCGAN-style generator")
parser.add_argument("--nz", type=int, default=100, help="size of the latent z vector")
parser.add_argument("--ngf", type=int, default="16")
parser.add_argument("--image-size", type=int, default=32)
parser.add_argument("--out", dest="nc", type=int, default=3)
parser.add_argument("--no-bias", action="store_true", help="disables the conv biases")
group = parser.add_argument_group("extra")
group.add_argument("--extra-layers", type=int, default=1)
parser.add_argument("--lr", type=float, default=0.0002)
parser.set_defaults(extra_layers=2)
opt = parser.parse_args()
settings = vars(opt)


class Generator(nn.Module):
    def __init__(self, nz: int, ngf: int, nc: int) -> None:
        super().__init__()
        bias = not opt.no_bias
        layers = [nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=bias), nn.BatchNorm2d(ngf * 4), nn.ReLU(True)]
        for _ in range(settings["extra_layers"]):
            layers += [nn.Conv2d(ngf * 4, ngf * 4, 3, 1, 1, bias=bias), nn.ReLU(True)]
        layers += [nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=bias), nn.BatchNorm2d(ngf * 2), nn.ReLU(True)]
        layers += [nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, bias=bias), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.main(z)


netG = Generator(opt.nz, opt.ngf, opt.nc)
fake = netG(torch.randn(opt.image_size // 16, opt.nz, 1, 1))
