// Command rehearsal is the two-node rehearsal on loopback: Caddy in front
// of two AutoLeads nodes, each replicated by Litestream, and a showroom
// moved from node A to node B while clients keep writing to it through
// Caddy — Fonnte's webhook calls, staff adding cars and replying over
// WhatsApp — with node A killed during the export and node B during the
// import, and the move simply run again after each. It then checks that
// every acknowledged write is on B once, that A acknowledged nothing B
// lacks, that every reply left once, that the showroom answers from B
// through the same host, and that Litestream's copies restore to the live
// databases; it prints a short report and exits 1 on any problem.
//
// deploy/rehearsal.sh builds it and autoleads and runs it
// (docs/operations.md, The two-node rehearsal).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

type options struct {
	autoleads, caddy, litestream, work string
	litestreamConfig                   string
	faults                             bool
	timeout                            time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.autoleads, "autoleads", "", "the autoleads binary (required)")
	flag.StringVar(&o.caddy, "caddy", "caddy", "the caddy binary")
	flag.StringVar(&o.litestream, "litestream", "litestream", "the litestream binary")
	flag.StringVar(&o.litestreamConfig, "litestream-config", "deploy/litestream.yml", "the Litestream configuration the nodes run, its paths replaced by theirs")
	flag.StringVar(&o.work, "work", "", "an empty directory for the nodes, Caddy, the replicas and the logs (required)")
	flag.BoolVar(&o.faults, "faults", true, "kill node A during the export and node B during the import, and run the move again")
	flag.DurationVar(&o.timeout, "timeout", 5*time.Minute, "give up after this long")
	flag.Parse()
	if o.autoleads == "" || o.work == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, o.timeout)
	defer cancelTimeout()
	ok, err := rehearse(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintf(os.Stderr, "rehearsal: %v (logs in %s)\n", err, filepath.Join(o.work, "logs"))
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

// rehearse runs the rehearsal, writes its report to out, and tells whether
// every check passed; an error is a rehearsal that could not be run.
func rehearse(ctx context.Context, o options, out io.Writer) (bool, error) {
	began := time.Now()
	ps := newProcs(filepath.Join(o.work, "logs"))
	defer ps.killAll()
	f, err := startFonnte()
	if err != nil {
		return false, err
	}
	defer f.srv.Close()
	st, err := setUp(ctx, o, ps, f)
	if err != nil {
		return false, err
	}

	// The clients write until stop, and retry a write under way until
	// giveUp, a minute after stop at most.
	stop, stopWriting := context.WithCancel(ctx)
	defer stopWriting()
	giveUp, cancelGiveUp := context.WithCancel(ctx)
	defer cancelGiveUp()
	l := &ledger{}
	clients, err := st.startClients(stop, &client{http: st.through, ledger: l, giveUp: giveUp, retry: 250 * time.Millisecond})
	if err != nil {
		return false, err
	}
	time.Sleep(3 * time.Second)
	m, onA, err := st.moveMalang(ctx, o.faults)
	if err != nil {
		return false, err
	}
	time.Sleep(3 * time.Second)
	stopWriting()
	writersDone := make(chan struct{})
	go func() { clients.Wait(); close(writersDone) }()
	select {
	case <-writersDone:
	case <-time.After(time.Minute):
		cancelGiveUp()
		<-writersDone
	}

	r := &report{out: out}
	r.head(o, st, m)
	r.writes(l.of(""))
	if err := st.check(ctx, r, l, m, onA); err != nil {
		return false, err
	}
	return r.end(time.Since(began)), nil
}

// moveMalang moves malang from A to B, with the faults when faults is
// true: after each crash the node is started again and the move run again
// from the top. It returns the mover, which says what happened, and what
// A's copy held just before it was deleted.
func (st *stage) moveMalang(ctx context.Context, faults bool) (*mover, copyOf, error) {
	m := &mover{slug: malang.slug, host: malang.host, a: st.a, b: st.b, proxy: st.px, bin: st.bin, dir: st.work, began: time.Now()}
	var onA copyOf
	m.beforeDelete = func() (err error) {
		onA, err = readCopy(ctx, filepath.Join(st.a.data(), "tenants", malang.slug, "tenant.db"))
		return err
	}
	attempts := []string{noFault}
	if faults {
		attempts = []string{crashDuringExport, crashDuringImport, noFault}
	}
	for _, fault := range attempts {
		err := m.move(ctx, fault)
		if errors.Is(err, errCrashed) {
			time.Sleep(time.Second)
			for _, n := range []*node{st.a, st.b} {
				if n.serve == nil {
					if err := n.restart(ctx); err != nil {
						return nil, nil, err
					}
					m.note("node %s restarted", strings.ToUpper(n.name))
				}
			}
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("moving %s: %w", malang.slug, err)
		}
	}
	m.took = time.Since(m.began)
	return m, onA, nil
}

// check waits for the last replies to leave, checks the hosts through
// Caddy, stops the nodes, compares the clients' writes with every copy and
// the replies with what the stand-in Fonnte was sent, then stops
// Litestream and compares the databases restored from its replicas with
// the nodes' own.
func (st *stage) check(ctx context.Context, r *report, l *ledger, m *mover, onA copyOf) error {
	final := map[string]string{ // where each showroom's database is now
		malang.slug: filepath.Join(st.b.data(), "tenants", malang.slug, "tenant.db"),
		kediri.slug: filepath.Join(st.a.data(), "tenants", kediri.slug, "tenant.db"),
		blitar.slug: filepath.Join(st.b.data(), "tenants", blitar.slug, "tenant.db"),
	}
	if err := waitFor(ctx, "every queued reply to be sent", 30*time.Second, func() bool {
		n, err := queued(ctx, final[malang.slug])
		return err == nil && n == 0
	}); err != nil {
		return err
	}
	r.hosts(st.through, st.a, st.b)
	for _, n := range []*node{st.a, st.b} {
		if err := st.ps.stop(n.serve, 30*time.Second); err != nil {
			return err
		}
	}
	copies := map[string]copyOf{}
	for slug, path := range final {
		var err error
		if copies[slug], err = readCopy(ctx, path); err != nil {
			return err
		}
	}
	for _, s := range []struct{ slug, node string }{{malang.slug, "B"}, {kediri.slug, "A"}, {blitar.slug, "B"}} {
		r.check(fmt.Sprintf("every write acknowledged by %s is in its database on node %s exactly once", s.slug, s.node),
			checkWrites(l.of(s.slug), copies[s.slug]))
	}
	r.check("A's last copy of malang held nothing B lacks, and no write acknowledged after the switch",
		checkOldCopy(l.of(malang.slug), onA, copies[malang.slug], m))
	byNode, problems := checkSends(l.of(malang.slug), copies[malang.slug], st.fonnte)
	r.check(fmt.Sprintf("every reply in B's database went to WhatsApp once (%d sent by A, %d by B), no other",
		byNode["a"], byNode["b"]), problems)

	// Litestream ships changes every second: give it three, end it, restore.
	time.Sleep(3 * time.Second)
	for _, n := range []*node{st.a, st.b} {
		if err := st.ps.stop(n.replicate, 30*time.Second); err != nil {
			return err
		}
	}
	compared, problems := 0, nil
	for _, n := range []*node{st.a, st.b} {
		count, p, err := checkRestored(ctx, n, st.work)
		if err != nil {
			return fmt.Errorf("restoring node %s from its replica: %w", n.name, err)
		}
		compared += count
		problems = append(problems, p...)
	}
	r.check(fmt.Sprintf("Litestream: %d databases of A and B restored from their replicas equal the live ones", compared), problems)
	return nil
}
