import torch
import torch.nn as nn


class ResnetBlock(nn.Module):
    """A CycleGAN-style residual block: reflection padding, convolution, instance norm."""

    def __init__(self, dim):
        super().__init__()
        self.body = nn.Sequential(
            nn.ReflectionPad2d(1),
            nn.Conv2d(dim, dim, 3),
            nn.InstanceNorm2d(dim, affine=True),
            nn.ReLU(True),
            nn.ReplicationPad2d((1, 1, 1, 1)),
            nn.Conv2d(dim, dim, 3),
            nn.InstanceNorm2d(dim),
        )

    def forward(self, x):
        return x + self.body(x)


class Restorer(nn.Module):
    """Padding, norms, activations and pixel shuffles between convolutions."""

    def __init__(self, width=16):
        super().__init__()
        self.pad = nn.ZeroPad2d((2, 2, 1, 1))
        self.stem = nn.Conv2d(3, width, 3)
        self.norm = nn.GroupNorm(4, width)
        self.act = nn.Hardtanh(-2.0, 2.0)
        self.block = ResnetBlock(width)
        self.down = nn.PixelUnshuffle(2)
        self.shuffle = nn.ChannelShuffle(4)
        self.mix = nn.Conv2d(4 * width, 4 * width, 1)
        self.lrn = nn.LocalResponseNorm(3)
        self.up = nn.PixelShuffle(2)
        self.ln = nn.LayerNorm(width)
        self.gate = nn.Softsign()
        self.head = nn.Conv2d(width, 3, 3, padding=1)
        self.cpad = nn.ConstantPad1d(3, 0.5)
        self.attn = nn.Softmax2d()

    def forward(self, x):
        x = self.act(self.norm(self.stem(self.pad(x))))
        x = self.block(x)
        x = self.lrn(self.mix(self.shuffle(self.down(x))))
        x = self.up(x)
        x = self.ln(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
        x = self.attn(self.head(self.gate(x)))
        return self.cpad(x)


class Matcher(nn.Module):
    """Two embeddings compared: EmbeddingBag over bags of tokens, then cosine similarity and distance."""

    def __init__(self):
        super().__init__()
        self.bag = nn.EmbeddingBag(100, 32, mode='sum')
        self.proj = nn.Linear(32, 32)
        self.cos = nn.CosineSimilarity(dim=1)
        self.dist = nn.PairwiseDistance(keepdim=True)

    def forward(self, tokens):
        a = self.bag(tokens)
        b = self.proj(a)
        return self.cos(a, b).unsqueeze(1) + self.dist(a, b)


model = Restorer()
y = model(torch.randn(2, 3, 30, 28))
matcher = Matcher()
score = matcher(torch.randint(0, 100, (4, 7)))
