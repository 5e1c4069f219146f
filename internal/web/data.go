package web

// The stored article and list types are internal/store's; the server
// reaches the store through the Store interface (server.go).

import (
	"github.com/newsgraph/newsgraph/internal/store"
)

// ErrNotFound is returned for an article, person or outlet the store does
// not hold (store.ErrNotFound).
var ErrNotFound = store.ErrNotFound

// The stored article and list types are store's.
type (
	Provenance    = store.Source
	ClusterMember = store.ClusterMember
	StoredArticle = store.StoredArticle
	Cluster       = store.Cluster
)

// Count is a facet value or list entry with its count.
type Count = store.Count

// Facets count the articles a query matches by outlet, month, speaker,
// person, tag and language (store.Facets: over the first
// store.FacetSample matches when more match).
type Facets = store.Facets
