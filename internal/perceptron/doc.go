// Package perceptron holds the averaged perceptrons newsgraph's learned
// stages share: a first-order linear-chain model (structured perceptron,
// Viterbi decoding, label constraints) for tagging token sequences, and a
// multi-class linear model, both over hashed features, trained
// deterministically and laid out for fast lookups once trained or loaded
// (Freeze).
//
// It knows nothing of features, labels or model files: internal/attribution
// and internal/technique build the features, name the labels and write
// their own model formats from the exported weights.
package perceptron
