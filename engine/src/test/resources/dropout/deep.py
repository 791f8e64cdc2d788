# The numbers DropoutNetworkTests.twoHiddenLayersWithDropoutAsNumpyComputesThem compares with: a 3-5-4-1 network,
# seed 3, dropout 0.3 and 0.6 on its hidden layers, alpha 0.5, 2000 steps, with the tutorial's and the textbook
# gradient; prints syn2 after the last step as float.hex.
import numpy as np
X = np.array([[0,0,1],[0,1,1],[1,0,1],[1,1,1]])
y = np.array([[0,1,1,0]]).T
def run(seed, sizes, rates, alpha, steps, textbook):
    np.random.seed(seed)
    syn = [2*np.random.random((sizes[k], sizes[k+1])) - 1 for k in range(len(sizes)-1)]
    for j in range(steps):
        layers=[X]; masks=[None]; un=[None]
        for k in range(len(syn)):
            l = 1/(1+np.exp(-(np.dot(layers[-1], syn[k]))))
            un.append(l.copy())
            r = rates[k+1] if k+1 < len(sizes)-1 else 0
            if r > 0:
                m = np.random.binomial([np.ones(l.shape)], 1-r)[0] * (1.0/(1-r))
                l = l * m
                masks.append(m)
            else:
                masks.append(None)
            layers.append(l)
        err = y - layers[-1]
        deltas=[None]*len(syn)
        for k in range(len(syn)-1, -1, -1):
            L = layers[k+1]
            if masks[k+1] is not None and textbook:
                s = un[k+1]*(1-un[k+1])*masks[k+1]
            else:
                s = L*(1-L)
            d = err * s
            deltas[k]=d
            err = d.dot(syn[k].T)
        for k in range(len(syn)):
            syn[k] += alpha * layers[k].T.dot(deltas[k])
    return syn
for tb in (False, True):
    syn = run(3, [3,5,4,1], [0,0.3,0.6,0], 0.5, 2000, tb)
    print("textbook" if tb else "tutorial", " ".join(float(v).hex() for v in syn[2].flatten()))
