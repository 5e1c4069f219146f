// Package queue distributes an ingest over machines through a NATS
// JetStream work queue (github.com/nats-io/nats.go and its jetstream API).
//
// A publisher (Publish) expands sources with ingest.Expand and publishes
// one message per item to the work stream, "<name>-work" (work-queue
// retention, file storage, three replicas when the cluster has three
// nodes or more, else one). Each message carries a message id derived
// from the item, so publishing the same sources again within the stream's
// duplicate window (Options.DedupWindow) adds nothing; past it, the store
// still keeps each content once.
//
// Workers (Worker.Run), on any number of machines, pull items through one
// durable pull consumer ("<name>-workers", explicit acknowledgement), and
// hand each to an Ingester, which analyses and stores it. With the
// Ingester of an ingest.Processor (Processor), the worker's goroutines
// analyse items one each and one more goroutine stores them in groups,
// several items to a transaction (WorkerOptions.Batch, BatchDelay). An
// item is acknowledged only after the transaction that stored it
// committed: a worker that dies mid-item, or with items analysed and not
// yet stored, leaves them to be redelivered after AckWait, and a worker
// busy with an item tells the server so (in-progress heartbeats every
// AckWait/3, until the acknowledgement). Storing is idempotent (the store
// keys an input by the SHA-256 of its content), so a redelivery of an
// item that was stored before its acknowledgement got through stores
// nothing. A group whose transaction fails is stored again item by item,
// so only an item that fails alone is retried.
//
// Why groups: a transaction per item cost the worker's process 2–6 ms of
// CPU per Scrapinghub page on SQLite (against batches of 200; the
// analysis is about 30 ms), and an acknowledgement sent alone costs the
// three NATS servers a replication round of the consumer's state and
// another of the work stream's; acknowledgements sent together share
// them (README, "Accuracy and speed", has the figures).
//
// An item that fails (unreadable, a fetch error, the store failing) is
// redelivered after a growing delay; after Options.Attempts failures the
// worker republishes it, with its last error, to the dead-letter stream
// "<name>-dead" and terminates it. A delivery past Attempts (workers that
// died on it each time, say an input that crashes the process) is
// dead-lettered at once without being processed; the consumer's MaxDeliver
// (Attempts+2) is only a backstop. Retry moves the dead letters back to
// the work stream.
//
// The consumer keeps its state in memory on each of its replicas (its
// Raft log included), where a file-stored one wrote a log entry to disk
// on three nodes for every acknowledgement: 0.69 against 1.52 ms of the
// NATS servers' CPU per Scrapinghub page, in adjacent runs. What it
// costs: if every node of the cluster stops at once, the consumer comes
// back without its state, so the items still in the work stream (the
// acknowledged ones are gone from it, on disk) are all delivered again,
// and their delivery counts start again. Nothing is lost and the store
// keeps each content once; a node that stops alone catches up from the
// others, as before.
//
// AckWait and the consumer's MaxDeliver belong to the queue's one
// consumer: the last Open sets them for every worker. Attempts is each
// worker's own (it decides when that worker dead-letters).
//
// Status counts the items pending, in flight, done and dead-lettered from
// the streams' and the consumer's state, so it needs no store: done is
// every item the work stream has removed (acknowledged) less those
// dead-lettered, which the dead-letter stream counts, retried ones
// included (Retry leaves a marker per item it moves back).
//
// Near-duplicate clustering stays race-free between workers because it
// runs inside the store's write transaction, which the store serialises
// (SQLite: one writer at a time, across processes too). Items are stored
// in no particular order, so which copy of a story is stored first, and
// in rare cases which cluster a borderline copy joins, may differ from a
// sequential run.
//
// It is not a store and not a scheduler: what an item is and how it is
// stored belong to internal/ingest and internal/store.
package queue
