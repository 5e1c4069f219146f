// Package pgtest gives tests a fresh PostgreSQL database on the server
// that NEWSGRAPH_PG names (a postgres:// URL; scripts/services.sh starts
// one and prints it). Without NEWSGRAPH_PG a test that asks for one is
// skipped, except under CI=true, where it fails: CI runs every test.
//
// It is not a mock or an embedded server: the tests it serves run against
// a real PostgreSQL.
package pgtest
