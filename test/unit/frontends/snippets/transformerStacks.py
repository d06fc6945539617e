import torch
import torch.nn as nn


class Seq2Seq(nn.Module):
    """An encoder stack built from a layer written inline, a decoder stack from a local layer and a final norm."""

    def __init__(self, d_model=64):
        super().__init__()
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(d_model=d_model, nhead=4), num_layers=3)
        layer = nn.TransformerDecoderLayer(d_model, 4, dim_feedforward=128)
        self.decoder = nn.TransformerDecoder(layer, 2, norm=nn.LayerNorm(d_model))
        self.head = nn.Linear(d_model, 10)

    def forward(self, src, tgt):
        mask = torch.zeros(src.shape[0], src.shape[0])
        padding = torch.zeros(src.shape[1], src.shape[0], dtype=torch.bool)
        memory = self.encoder(src, mask=mask, src_key_padding_mask=padding)
        out = self.decoder(tgt, memory)
        return self.head(out)


layer = nn.TransformerEncoderLayer(d_model=32, nhead=4, batch_first=True)
enc = nn.TransformerEncoder(layer, 6)
y = enc(torch.randn(2, 10, 32))

model = Seq2Seq()
out = model(torch.randn(12, 2, 64), torch.randn(7, 2, 64))

# nn.Transformer with a custom encoder stack: its parameters replace the default encoder's.
custom = nn.Transformer(d_model=32, nhead=4, num_decoder_layers=1, dim_feedforward=64, custom_encoder=nn.TransformerEncoder(layer, 2), batch_first=True)
z = custom(torch.randn(2, 10, 32), torch.randn(2, 5, 32))
