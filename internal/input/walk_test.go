//go:build unix

package input_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/newsgraph/newsgraph/internal/input"
)

// walkTree builds a directory with every kind of entry Walk must either
// read or report: a file, a link to a file, a link to a directory, a
// dangling link, a FIFO, a link to a character device, a link loop and a
// hidden file.
func walkTree(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root = filepath.Join(base, "root")
	outside = filepath.Join(base, "outside")
	for _, d := range []string{root, outside, filepath.Join(root, "sub")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p string) {
		if err := os.WriteFile(p, []byte("text"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "a.txt"))
	write(filepath.Join(root, ".hidden.txt"))
	write(filepath.Join(root, "sub", "b.txt"))
	write(filepath.Join(outside, "c.txt"))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(outside, "c.txt"), filepath.Join(root, "link-file.txt")))
	must(os.Symlink(outside, filepath.Join(root, "link-dir")))
	must(os.Symlink(filepath.Join(base, "nowhere"), filepath.Join(root, "dangling.txt")))
	must(syscall.Mkfifo(filepath.Join(root, "fifo"), 0o644))
	must(os.Symlink("/dev/null", filepath.Join(root, "null")))
	must(os.Symlink(root, filepath.Join(root, "sub", "loop")))
	return root, outside
}

func TestWalk(t *testing.T) {
	root, _ := walkTree(t)
	var files []string
	failures := map[string]error{}
	err := input.Walk(context.Background(), []string{root}, func(f input.File) error {
		rel, _ := filepath.Rel(root, f.Path)
		if f.Err != nil {
			if !strings.HasPrefix(f.Err.Error(), f.Path) {
				t.Errorf("error %q does not name %s", f.Err, f.Path)
			}
			failures[rel] = f.Err
			return nil
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.txt", "link-dir/c.txt", "link-file.txt", "sub/b.txt"}
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("files %q, want %q", files, want)
	}
	for name, sentinel := range map[string]error{
		"dangling.txt": input.ErrDanglingLink,
		"fifo":         input.ErrNotRegular,
		"null":         input.ErrNotRegular,
		"sub/loop":     input.ErrSymlinkLoop,
	} {
		if !errors.Is(failures[name], sentinel) {
			t.Errorf("%s: %v, want %v", name, failures[name], sentinel)
		}
	}
	if len(failures) != 4 {
		t.Errorf("failures %v, want 4", failures)
	}
}

// TestWalkLinkArgument: a symbolic link to a directory given as a path is
// walked like the directory.
func TestWalkLinkArgument(t *testing.T) {
	_, outside := walkTree(t)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	var files []string
	input.Walk(context.Background(), []string{link}, func(f input.File) error {
		if f.Err != nil {
			t.Error(f.Err)
		}
		files = append(files, f.Path)
		return nil
	})
	if len(files) != 1 || files[0] != filepath.Join(link, "c.txt") {
		t.Errorf("files %q, want the link's c.txt", files)
	}
}

// TestOpenFIFO: a FIFO is refused without being opened (opening one with
// no writer would block this test forever).
func TestOpenFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := input.Open(fifo, input.Options{})
	if !errors.Is(err, input.ErrNotRegular) || !strings.HasPrefix(err.Error(), fifo) {
		t.Errorf("Open(fifo) = %v, want ErrNotRegular naming it", err)
	}
}
