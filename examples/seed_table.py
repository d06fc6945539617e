"""The reference comparison table: parameters for an input of 10x10x3 and 30 maps.

| layer                                        | parameters |
| fully connected 300 -> 3000                  | 903000     |
| Conv2d(3, 30, 10)                            | 9030       |
| same with dilation=2                         | 9030       |
| same with groups=3                           | 3030       |
| pointwise Conv2d(3, 30, 1)                   | 120        |
| depthwise (3, 3, 10, groups=3) + pointwise   | 423        |

Try: npm run analyze -- examples/seed_table.py
"""
import torch
import torch.nn as nn

fully_connected = nn.Sequential(nn.Flatten(), nn.Linear(300, 3000))
standard = nn.Conv2d(3, 30, 10)
dilated = nn.Conv2d(3, 30, 10, dilation=2)
grouped = nn.Conv2d(3, 30, 10, groups=3)
pointwise = nn.Conv2d(3, 30, 1)
depthwise_separable = nn.Sequential(
    nn.Conv2d(3, 3, 10, groups=3),
    nn.Conv2d(3, 30, 1),
)

if __name__ == '__main__':
    x = torch.randn(1, 3, 10, 10)
    fully_connected(x)
    standard(x)
    # with dilation=2 the 10x10 kernel spans 19x19, more than a 10x10 input: feed it 19x19
    dilated(torch.randn(1, 3, 19, 19))
    grouped(x)
    pointwise(x)
    depthwise_separable(x)
