import torch
import torch.nn as nn


class Block(nn.Module):
    """A pre-norm vision-transformer block: attention and an MLP, each with a residual."""

    def __init__(self, dim=64, heads=4):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x):
        h = self.norm1(x)
        attn_out, weights = self.attn(h, h, h)
        x = x + attn_out
        return x + self.mlp(self.norm2(x))


class TinyViT(nn.Module):
    def __init__(self, dim=64, num_classes=10):
        super().__init__()
        self.patch = nn.Conv2d(3, dim, kernel_size=8, stride=8)
        self.blocks = nn.Sequential(Block(dim), Block(dim))
        self.encoder = nn.TransformerEncoderLayer(dim, 4, dim_feedforward=128, batch_first=True)
        self.decoder = nn.TransformerDecoderLayer(dim, 4, dim_feedforward=96)
        self.pool = nn.Unflatten(1, (4, 4))
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x):
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = self.blocks(x)
        x = self.encoder(x)
        memory = x.transpose(0, 1)
        x = self.decoder(memory, memory)
        x = self.pool(x.transpose(0, 1))
        return self.head(x.mean(dim=(1, 2)))


model = TinyViT()
y = model(torch.randn(2, 3, 32, 32))
