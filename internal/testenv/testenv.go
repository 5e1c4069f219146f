package testenv

import (
	"os"
	"testing"
)

// The variables scripts/services.sh prints and writes to DIR/env.
const (
	PGVar       = "NEWSGRAPH_PG"
	NATSVar     = "NEWSGRAPH_NATS"
	ServicesVar = "NEWSGRAPH_SERVICES"
)

// PG returns the PostgreSQL URL of scripts/services.sh.
func PG(tb testing.TB) string { return need(tb, PGVar) }

// NATS returns the comma-separated NATS URLs of scripts/services.sh.
func NATS(tb testing.TB) string { return need(tb, NATSVar) }

// Services returns the folder scripts/services.sh runs in, for tests that
// stop and start a server with its nats-stop, nats-start and pg-restart.
func Services(tb testing.TB) string { return need(tb, ServicesVar) }

// need returns the variable's value, or skips the test (fails it under
// CI=true) when it is not set.
func need(tb testing.TB, name string) string {
	tb.Helper()
	v := os.Getenv(name)
	if v != "" {
		return v
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("CI=true but %s is not set: start the servers with scripts/services.sh up and export its variables", name)
		return ""
	}
	tb.Skipf("%s not set (scripts/services.sh up starts the servers)", name)
	return ""
}
