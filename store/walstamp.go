package store

import (
	"bytes"
	"os"
)

// walStamp names one committed state of a database in WAL mode, as seen by
// every process that has it open. It is the WAL-index header SQLite keeps at
// the start of the -shm file (https://www.sqlite.org/walformat.html): every
// commit, by any connection of any process, rewrites it with a new change
// counter, frame count and checksum, and no two states share one. Comparing
// it costs a read of 96 bytes where recounting a filter costs milliseconds.
type walStamp [walIndexHeaderSize]byte

const walIndexHeaderSize = 48

// readWALStamp reads the stamp of the database at path. It reports false
// when there is none to trust: no -shm file, a header not yet initialised,
// or the two copies SQLite keeps differing because a commit is rewriting
// them at this instant.
//
// The caller must hold a connection to the database open: only then is the
// -shm file the live one, which SQLite cannot delete or rebuild from
// scratch (every open connection holds a shared lock on it).
func readWALStamp(path string) (walStamp, bool) {
	var s walStamp
	f, err := os.Open(path + "-shm")
	if err != nil {
		return s, false
	}
	defer f.Close()
	var both [2 * walIndexHeaderSize]byte
	if _, err := f.ReadAt(both[:], 0); err != nil {
		return s, false
	}
	first, second := both[:walIndexHeaderSize], both[walIndexHeaderSize:]
	const isInit = 12 // the header's isInit byte
	if first[isInit] == 0 || !bytes.Equal(first, second) {
		return s, false
	}
	copy(s[:], first)
	return s, true
}
