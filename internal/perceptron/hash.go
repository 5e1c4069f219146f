package perceptron

// Hash is a feature hash: 64-bit FNV-1a over a template byte and the
// feature's values, so that extracting features allocates little and the
// same code serves training and tagging.
type Hash uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Template starts the hash of a feature of template t.
func Template(t byte) Hash { return (Hash(fnvOffset) ^ Hash(t)) * fnvPrime }

// Str adds a string value, terminated so that ("ab", "c") and ("a", "bc")
// differ.
func (h Hash) Str(v string) Hash {
	for i := 0; i < len(v); i++ {
		h = (h ^ Hash(v[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

// Byte adds one byte value.
func (h Hash) Byte(c byte) Hash { return (h ^ Hash(c)) * fnvPrime }

// Int adds a small integer value (-64 to 191).
func (h Hash) Int(n int) Hash { return h.Byte(byte(n + 64)) }
