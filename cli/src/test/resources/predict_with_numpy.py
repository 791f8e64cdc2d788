# The README's "predict with numpy" lines: a network saved by `backflux train --save iris.json --save-npz iris.npz`,
# applied to raw measurements as the tutorial's own code applies its weights.
import json
import sys

import numpy as np

network = json.load(open(sys.argv[1]))
weights = np.load(sys.argv[2])
x = np.array([[6.3, 2.5, 5.0, 1.9], [5.1, 3.5, 1.4, 0.2]])
low, high = np.array(network["inputScaling"]["min"]), np.array(network["inputScaling"]["max"])
layer = (x - low) / (high - low)
for k in range(len(weights.files)):
    layer = 1 / (1 + np.exp(-np.dot(layer, weights["syn%d" % k])))
for row in layer:
    print(",".join(repr(float(v)) for v in row))
