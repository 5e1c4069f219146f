// Package dedup finds near-duplicate articles: syndicated copies and lightly
// edited versions of the same story.
//
// Method: the text is lower-cased and split into words (letters and digits);
// each run of Options.Shingle consecutive words is a shingle, hashed to 64
// bits. A MinHash signature of Options.Hashes values (one universal hash
// a·x+b per value, the minimum over the shingles) estimates the Jaccard
// similarity of two articles' shingle sets: the share of equal values.
// Locality-sensitive hashing splits the signature into Options.Bands bands;
// articles that agree on a whole band are candidates, and a candidate whose
// estimated similarity reaches Options.Threshold is a near-duplicate.
//
// With the defaults (5-word shingles, 100 hashes in 25 bands of 4, threshold
// 0.5) a pair with true Jaccard 0.7 becomes a candidate with probability
// 1-(1-0.7⁴)²⁵ ≈ 0.999, one with 0.5 with ≈ 0.80, unrelated texts (≤ 0.1)
// almost never.
//
// The package is pure computation: signatures and band keys are persisted
// by internal/store (tables minhash and lsh_bands), so a new article is
// compared with the stored corpus through an index lookup per band, without
// loading texts. Cluster assignment (the earliest copy is the original)
// lives in the ingest writer and the store.
//
// It is not a plagiarism detector: it does not align passages, and two
// different stories that share long boilerplate can be grouped.
package dedup
