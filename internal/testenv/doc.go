// Package testenv tells tests where the servers started by
// scripts/services.sh are: the PostgreSQL URL (NEWSGRAPH_PG), the NATS
// JetStream cluster URLs (NEWSGRAPH_NATS) and the services folder
// (NEWSGRAPH_SERVICES, for fault tests that stop and restart a server).
//
// A test that needs a server asks for it here. Without the variable the test
// is skipped, except under CI=true, where it fails: CI must run it
// (.ci/run starts the servers and exports the variables).
//
// It is not a test framework and starts nothing itself: the servers come from
// the project's script, once per run, and tests share them (each test names
// its own database objects and streams).
package testenv
