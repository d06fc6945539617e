# Sizes from math.prod / np.prod of a known shape, as GAN scripts write them.
import math

import numpy as np
import torch
import torch.nn as nn

img_shape = (1, 28, 28)


class Generator(nn.Module):
    def __init__(self, latent_dim=100):
        super().__init__()
        self.model = nn.Sequential(
            nn.Linear(latent_dim, 128),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(128, int(np.prod(img_shape))),
            nn.Tanh(),
        )

    def forward(self, z):
        return self.model(z).view(z.size(0), *img_shape)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(math.prod(img_shape), 64)
        self.out = nn.Linear(64, int(np.prod([8, 8]) / 64))

    def forward(self, img):
        return self.out(self.fc(img.view(img.size(0), -1)))


generator = Generator()
discriminator = Discriminator()
fake = generator(torch.randn(4, 100))
score = discriminator(fake)
