package input

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Errors of Walk and Open about what a path is, before anything is read.
var (
	// ErrNotRegular is the error of a path that is neither a regular
	// file nor a directory: a FIFO, a device or a socket. It is refused
	// by its mode, never opened (opening a FIFO blocks).
	ErrNotRegular = errors.New("not a regular file or directory")
	// ErrSymlinkLoop is the error of a symbolic link that leads back to
	// a directory the walk is already inside.
	ErrSymlinkLoop = errors.New("symbolic link loop")
	// ErrDanglingLink is the error of a symbolic link whose target does
	// not exist.
	ErrDanglingLink = errors.New("dangling symbolic link")
)

// File is one file found by Walk: a regular file to read, or a path that
// could not be read, with Err saying why (it names the path).
type File struct {
	Path string
	Size int64
	Err  error
}

// Walk expands paths into the regular files they name, in order: a
// regular file is itself; a directory is walked recursively in lexical
// order, hidden files and folders (".name") skipped; symbolic links are
// followed, to files and to directories alike, whether given as a path or
// met inside a directory, and a link back into a directory the walk is
// already inside is reported as ErrSymlinkLoop. Everything else is
// reported through fn with Err set, never skipped in silence: a FIFO,
// device or socket (ErrNotRegular, found with stat, never opened), a
// dangling link (ErrDanglingLink), a path that does not exist or cannot
// be read. Walk stops when fn returns an error or ctx is cancelled, and
// returns that error.
//
// Walk is the one directory walk of newsgraph: analyze and ingest both
// use it, so they read the same files.
func Walk(ctx context.Context, paths []string, fn func(File) error) error {
	for _, p := range paths {
		if err := walkPath(ctx, p, nil, fn); err != nil {
			return err
		}
	}
	return nil
}

// walkPath handles one path; parents are the directories the walk is
// inside (for loop detection).
func walkPath(ctx context.Context, path string, parents []os.FileInfo, fn func(File) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	fail := func(err error) error { return fn(File{Path: path, Err: fmt.Errorf("%s: %w", path, err)}) }
	fi, err := os.Stat(path) // follows links; never opens
	if err != nil {
		if li, lerr := os.Lstat(path); lerr == nil && li.Mode()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
			return fail(fmt.Errorf("%w (%w)", ErrDanglingLink, fs.ErrNotExist))
		}
		return fail(unwrapPathError(err))
	}
	switch {
	case fi.Mode().IsRegular():
		return fn(File{Path: path, Size: fi.Size()})
	case fi.IsDir():
	default:
		return fail(fmt.Errorf("%w (%s)", ErrNotRegular, modeName(fi.Mode())))
	}
	for _, p := range parents {
		if os.SameFile(p, fi) {
			return fail(ErrSymlinkLoop)
		}
	}
	entries, err := os.ReadDir(path) // sorted by name
	if err != nil {
		return fail(unwrapPathError(err))
	}
	parents = append(parents, fi)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if err := walkPath(ctx, filepath.Join(path, e.Name()), parents, fn); err != nil {
			return err
		}
	}
	return nil
}

// modeName names a file type that is not read.
func modeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.Type().String()
}

// unwrapPathError shortens *fs.PathError to its cause, since the caller
// already names the path.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
