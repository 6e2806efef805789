package sqldb

import (
	"testing"
	"time"
)

func TestWriteGate(t *testing.T) {
	g := NewWriteGate(2)
	leaveA := g.Enter()
	leaveB := g.Enter()
	entered := make(chan func())
	go func() { entered <- g.Enter() }()
	select {
	case <-entered:
		t.Fatal("a third batch passed a gate of two")
	case <-time.After(50 * time.Millisecond):
	}
	leaveA()
	leaveA() // a second call gives nothing back
	var leaveC func()
	select {
	case leaveC = <-entered:
	case <-time.After(5 * time.Second):
		t.Fatal("a freed slot did not admit the waiting batch")
	}
	if n := len(g.slots); n != 2 {
		t.Fatalf("%d slots taken after a double leave, want 2", n)
	}
	leaveB()
	leaveC()
	if n := len(g.slots); n != 0 {
		t.Fatalf("%d slots still taken", n)
	}
	var none *WriteGate
	none.Enter()() // a nil gate admits at once
}
