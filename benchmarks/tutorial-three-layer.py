# The tutorial's Part 1 three-layer network in numpy, as its script runs it: 60,000 full-batch steps from
# numpy's legacy seed(1), the error printed every 10,000 steps. compare-startup.sh times it as a whole process
# beside Backflux's three-layer example, which prints the same figures.
import numpy as np

def sigmoid(x, slope=False):
    if slope:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0], [1], [1], [0]])
np.random.seed(1)
w0 = 2 * np.random.random((3, 4)) - 1
w1 = 2 * np.random.random((4, 1)) - 1
for step in range(60000):
    l0 = X
    l1 = sigmoid(np.dot(l0, w0))
    l2 = sigmoid(np.dot(l1, w1))
    l2_error = y - l2
    if step % 10000 == 0:
        print("Error:" + str(np.mean(np.abs(l2_error))))
    l2_delta = l2_error * sigmoid(l2, True)
    l1_error = l2_delta.dot(w1.T)
    l1_delta = l1_error * sigmoid(l1, True)
    w1 += l1.T.dot(l2_delta)
    w0 += l0.T.dot(l1_delta)
