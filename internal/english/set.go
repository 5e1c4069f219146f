package english

// Set is a read-only set of words. Its zero value is empty.
type Set struct{ m map[string]bool }

// Has reports whether w is in the set.
func (s Set) Has(w string) bool { return s.m[w] }

// Len returns the number of words in the set.
func (s Set) Len() int { return len(s.m) }

// Map is a read-only map from words to values of type V. Its zero value
// is empty.
type Map[V any] struct{ m map[string]V }

// Get returns the value of w, or the zero value when w is absent.
func (m Map[V]) Get(w string) V { return m.m[w] }

// Lookup returns the value of w and whether w is present.
func (m Map[V]) Lookup(w string) (V, bool) {
	v, ok := m.m[w]
	return v, ok
}

// Has reports whether w is present.
func (m Map[V]) Has(w string) bool {
	_, ok := m.m[w]
	return ok
}
