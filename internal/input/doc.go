// Package input reads one untrusted input (a file or standard input) and
// tells what it is, so that the rest of newsgraph only ever sees valid UTF-8
// HTML or plain text.
//
// Read and Open:
//
//   - decompress gzip, recognised by its magic bytes whatever the file is
//     called (a ".gz" file that is not gzip is read as it is);
//   - refuse, with a sentinel error that names the input, what is empty
//     (ErrEmpty), binary (ErrBinary: a known binary signature such as PDF,
//     PNG, ZIP or ELF, a NUL byte, or more than 10% control characters in
//     the first 8 KiB), too large (ErrTooLarge), truncated or corrupt gzip
//     (ErrTruncated, ErrCorrupt), text that is not UTF-8 (ErrInvalidUTF8)
//     and HTML nested too deep (ErrTooDeep);
//   - tell HTML from plain text by content (a doctype, an <html>, <head> or
//     <body> tag, or several common tags near the start), never by name;
//   - decode HTML from its charset to UTF-8 (byte-order mark, valid UTF-8,
//     <meta> declaration, windows-1252 by default; see decodeHTML), and
//     accept plain text only as UTF-8 or as UTF-16 with a byte-order mark,
//     with line ends normalised to "\n".
//
// # Files
//
// Walk is newsgraph's one directory walk (analyze and ingest use it): it
// follows symbolic links (to files and directories; a loop is
// ErrSymlinkLoop, a dangling link ErrDanglingLink) and refuses FIFOs,
// devices and sockets by their mode (ErrNotRegular) without opening them;
// nothing is skipped in silence but hidden names. OpenRegular (and Open)
// check the mode before open(2) and open non-blocking, so a FIFO can never
// block a run.
//
// # Charsets
//
// HTML whose bytes are not in its declared UTF-8, or that declares no
// charset and is not UTF-8, is decoded from the charset detected by
// github.com/wlynxg/chardet from its byte statistics (windows-1252 when the
// detector is not confident); Document.Charset names what was used.
//
// # Limits
//
// Options.MaxBytes (default DefaultMaxBytes, 64 MiB) bounds the input
// after decompression. It is enforced while reading, through an
// io.LimitReader: at most MaxBytes+1 bytes are ever read, and a plain file
// whose size is over the limit is refused before it is read at all. Gzip
// content that can be read twice (a file, bytes in memory: Gunzip) is
// first counted to io.Discard and then read into a buffer of exactly its
// size, so a gzip bomb costs kilobytes and accepted content its own size;
// a stream (standard input) is read in 1 MiB chunks, at most the limit
// plus one copy.
//
// Options.MaxDepth (default DefaultMaxDepth, 512, the limit of the
// golang.org/x/net/html parser) bounds element nesting in HTML. The depth
// is counted with the x/net/html tokenizer before any tree is built; the
// count follows the parser's commonest implied end tags (an unclosed <p>
// or <li> does not nest) but is an approximation of the parser's stack,
// so a parser may still refuse a page near the limit.
//
// The package does not extract anything: main text is the business of
// internal/htmlpage, and plain-text cleaning of later stages.
package input
