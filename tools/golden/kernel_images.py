"""The bundled sample image and image-decoding fixtures.

media/sample.png: a 224x224 procedural scene (no photo, nothing downloaded) with
edges, stripes, blobs and gradients at several scales, so that conv feature maps
show something. test/fixtures/kernels/images/: small PNG/JPEG files in every colour
type, with PIL's decoded pixels and PyTorch's prepared input (bilinear resize,
align_corners=False, ImageNet normalisation) as truth.
Run: /usr/bin/python3 tools/golden/kernel_images.py
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
IMAGES = os.path.join(ROOT, 'test', 'fixtures', 'kernels', 'images')
os.makedirs(IMAGES, exist_ok=True)
rng = np.random.default_rng(11)

# The sample scene.
size = 224
yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
sky = np.stack([70 + 0.4 * yy, 120 + 0.5 * yy, 230 - 0.3 * yy], axis=-1)
img = Image.fromarray(np.clip(sky, 0, 255).astype(np.uint8))
draw = ImageDraw.Draw(img)
draw.ellipse((150, 20, 200, 70), fill=(255, 210, 60))
draw.polygon([(0, 170), (60, 95), (120, 170)], fill=(90, 110, 90))
draw.polygon([(80, 170), (150, 80), (224, 170)], fill=(60, 80, 70))
for i in range(0, size, 16):
    draw.rectangle((i, 170, i + 7, 224), fill=(170, 120, 60))
    draw.rectangle((i + 8, 170, i + 15, 224), fill=(120, 80, 40))
for k in range(6):
    draw.line((10 + 12 * k, 20, 60 + 12 * k, 80), fill=(250, 250, 250), width=2)
draw.rectangle((20, 120, 60, 160), outline=(255, 40, 40), width=3)
arr = np.asarray(img).astype(np.float32)
ripple = 18 * np.sin(np.hypot(xx - 112, yy - 200) / 3.0)
arr[170:, :, :] += ripple[170:, :, None]
img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
img.save(os.path.join(ROOT, 'media', 'sample.png'), optimize=True)

# Decoding fixtures.
base = (rng.random((9, 13, 3)) * 255).astype(np.uint8)
files = {
    'rgb.png': Image.fromarray(base, 'RGB'),
    'gray8.png': Image.fromarray(base[:, :, 0], 'L'),
    'gray1.png': Image.fromarray(base[:, :, 0] > 127).convert('1'),
    'rgba.png': Image.fromarray(np.dstack([base, base[:, :, :1]]), 'RGBA'),
    'palette.png': Image.fromarray(base, 'RGB').convert('P', palette=Image.ADAPTIVE, colors=16),
}
expected = {}
for name, im in files.items():
    im.save(os.path.join(IMAGES, name))
    back = Image.open(os.path.join(IMAGES, name))
    if back.mode == 'P':
        back = back.convert('RGB')
    if back.mode == '1':
        back = back.convert('L')
    expected[name] = {'width': back.width, 'height': back.height, 'channels': len(back.getbands()), 'pixels': np.asarray(back).reshape(-1).tolist()}
smooth = np.clip(128 + 100 * np.sin(xx[:48, :40] / 6)[:, :, None] * np.array([1, 0.5, -0.7]), 0, 255).astype(np.uint8)
Image.fromarray(smooth).save(os.path.join(IMAGES, 'photo.jpg'), quality=95, subsampling=0)
back = Image.open(os.path.join(IMAGES, 'photo.jpg'))
expected['photo.jpg'] = {'width': back.width, 'height': back.height, 'channels': 3, 'pixels': np.asarray(back).reshape(-1).tolist()}

# Prepared input truth: PyTorch bilinear resize of the RGB fixture, then ImageNet normalisation.
x = torch.tensor(np.asarray(files['rgb.png']), dtype=torch.float32).permute(2, 0, 1)[None] / 255
x = F.interpolate(x, size=(7, 10), mode='bilinear', align_corners=False)
mean = torch.tensor([0.485, 0.456, 0.406])[None, :, None, None]
std = torch.tensor([0.229, 0.224, 0.225])[None, :, None, None]
prepared = ((x - mean) / std)
expected['prepared_rgb_7x10'] = {'shape': list(prepared.shape), 'values': prepared.reshape(-1).tolist()}
with open(os.path.join(IMAGES, 'expected.json'), 'w') as fh:
    json.dump(expected, fh)
print('sample.png and', len(expected), 'image fixtures written')
