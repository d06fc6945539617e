"""Oversized weight files written by real PyTorch: views that claim more data than their storage holds,
and many views of one storage. torch.save writes both without complaint, so a reader must size them
up before reading anything.

Writes into test/fixtures/weights/:
  hostile_stride0.pt         one tensor of size [2**31 - 1] and stride [0] over a 1-element storage
  hostile_shared_storage.pt  2,000 state_dict entries, each a [256, 256] view of one 65,536-float storage
                             (values 0, 1, 2, ... so a reader's result can be checked element by element)
Run: /usr/bin/python3 tools/golden/hostile_weights.py
"""
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'weights')
os.makedirs(OUT, exist_ok=True)


def save(state, name):
    # torch.save's zip writer is deterministic (no timestamps): a regeneration changes nothing.
    torch.save(state, os.path.join(OUT, name))


save({'weight': torch.zeros(1).as_strided([2 ** 31 - 1], [0])}, 'hostile_stride0.pt')

base = torch.arange(256 * 256, dtype=torch.float32)
save({f'blocks.{i}.weight': base.view(256, 256) for i in range(2000)}, 'hostile_shared_storage.pt')

# The files are what torch itself reads back: the stride-0 view and the shared storage survive a load.
stride0 = torch.load(os.path.join(OUT, 'hostile_stride0.pt'))['weight']
assert stride0.shape == (2 ** 31 - 1,) and stride0.stride() == (0,) and stride0.storage().size() == 1
shared = torch.load(os.path.join(OUT, 'hostile_shared_storage.pt'))
assert len({t.storage().data_ptr() for t in shared.values()}) == 1
print('wrote hostile_stride0.pt, hostile_shared_storage.pt')
