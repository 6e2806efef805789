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
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
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

// The showrooms: malang moves from A to B; kediri stays on A and blitar
// on B, written to all along, to show a move touches only its showroom.
var (
	malang = showroom{slug: "malang", name: "Mobil Malang", host: "malang.test", device: "6281100000001"}
	kediri = showroom{slug: "kediri", name: "Mobil Kediri", host: "kediri.test", device: "6281100000002"}
	blitar = showroom{slug: "blitar", name: "Mobil Blitar", host: "blitar.test", device: "6281100000003"}
)

// customers is how many customers of each showroom write at once.
const customers = 4

const (
	ownerEmail    = "owner@malang.test"
	ownerPassword = "rehearsal-password-1"
)

// rehearse runs the rehearsal, writes its report to out, and tells whether
// every check passed; an error is a rehearsal that could not be run.
func rehearse(ctx context.Context, o options, out io.Writer) (bool, error) {
	began := time.Now()
	conf, err := os.ReadFile(o.litestreamConfig)
	if err != nil {
		return false, err
	}
	ps := newProcs(filepath.Join(o.work, "logs"))
	defer ps.killAll()
	if err := os.MkdirAll(ps.logDir, 0o700); err != nil {
		return false, err
	}
	f, err := startFonnte()
	if err != nil {
		return false, err
	}
	defer f.srv.Close()

	a, b, err := newNodes(o, string(conf), ps, f)
	if err != nil {
		return false, err
	}
	for _, s := range []struct {
		n *node
		s *showroom
	}{{a, &malang}, {a, &kediri}, {b, &blitar}} {
		if s.s.webhookToken, err = createShowroom(ctx, s.n, *s.s); err != nil {
			return false, err
		}
	}
	if _, err := a.cli(ctx, []string{"AUTOLEADS_PASSWORD=" + ownerPassword}, "", "user", "create",
		"--tenant", malang.slug, "--email", ownerEmail, "--name", "Pak Hadi", "--role", "owner"); err != nil {
		return false, err
	}
	for _, n := range []*node{a, b} {
		if err := n.restart(ctx); err != nil {
			return false, err
		}
	}
	px := &proxy{caddy: o.caddy, dir: filepath.Join(o.work, "caddy"), ps: ps}
	if px.httpsPort, err = freePort(); err != nil {
		return false, err
	}
	if err := os.MkdirAll(px.dir, 0o700); err != nil {
		return false, err
	}
	if err := px.start(ctx, o.autoleads, a, b); err != nil {
		return false, err
	}
	through, err := px.client(ctx)
	if err != nil {
		return false, err
	}
	for _, s := range []showroom{malang, kediri, blitar} {
		if err := waitFor(ctx, s.host+" through Caddy", 30*time.Second, func() bool {
			return statusOf(through, "https://"+s.host+"/api/tenant", s.host) == 200
		}); err != nil {
			return false, err
		}
	}

	// The clients: they write until stop, and retry a write under way until
	// giveUp, a minute after stop at most.
	stop, stopWriting := context.WithCancel(ctx)
	defer stopWriting()
	giveUp, cancelGiveUp := context.WithCancel(ctx)
	defer cancelGiveUp()
	l := &ledger{}
	c := &client{http: through, ledger: l, giveUp: giveUp, retry: 250 * time.Millisecond}
	var clients sync.WaitGroup
	for _, s := range []showroom{malang, kediri, blitar} {
		for customer := range customers {
			clients.Go(func() { c.sendMessages(stop, s, customer, 100*time.Millisecond) })
		}
	}
	owner := &staff{c: c, s: malang, email: ownerEmail, password: ownerPassword}
	if _, err := owner.signIn(""); err != nil {
		return false, err
	}
	var leads []int64
	if err := waitFor(ctx, "malang's first leads", 15*time.Second, func() bool {
		leads, err = owner.leadIDs()
		return err == nil && len(leads) == customers
	}); err != nil {
		return false, err
	}
	clients.Go(func() { owner.addCars(stop, 150*time.Millisecond) })
	clients.Go(func() { owner.reply(stop, leads, 200*time.Millisecond) })
	time.Sleep(3 * time.Second)

	m := &mover{slug: malang.slug, host: malang.host, a: a, b: b, proxy: px, bin: o.autoleads, dir: o.work}
	var onA copyOf
	m.beforeDelete = func() (err error) {
		onA, err = readCopy(ctx, filepath.Join(a.data(), "tenants", malang.slug, "tenant.db"))
		return err
	}
	faults := []string{noFault}
	if o.faults {
		faults = []string{crashDuringExport, crashDuringImport, noFault}
	}
	moveBegan := time.Now()
	for _, fault := range faults {
		err := m.move(ctx, fault)
		if err == errCrashed {
			time.Sleep(time.Second)
			for _, n := range []*node{a, b} {
				if n.serve == nil {
					if err := n.restart(ctx); err != nil {
						return false, err
					}
					m.note("node %s restarted", strings.ToUpper(n.name))
				}
			}
			continue
		}
		if err != nil {
			return false, fmt.Errorf("moving %s: %w", malang.slug, err)
		}
	}
	moveTook := time.Since(moveBegan)
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
	r.head(o, a, b, px, moveTook, m)
	r.writes(l.of(""))
	final := map[string]string{ // where each showroom's database is now
		malang.slug: filepath.Join(b.data(), "tenants", malang.slug, "tenant.db"),
		kediri.slug: filepath.Join(a.data(), "tenants", kediri.slug, "tenant.db"),
		blitar.slug: filepath.Join(b.data(), "tenants", blitar.slug, "tenant.db"),
	}
	// Every reply leaves before the copies are read.
	if err := waitFor(ctx, "every queued reply to be sent", 30*time.Second, func() bool {
		n, err := queued(ctx, final[malang.slug])
		return err == nil && n == 0
	}); err != nil {
		return false, err
	}
	r.hosts(through, a, b)
	for _, n := range []*node{a, b} {
		if err := ps.stop(n.serve, 30*time.Second); err != nil {
			return false, err
		}
	}
	copies := map[string]copyOf{}
	for slug, path := range final {
		if copies[slug], err = readCopy(ctx, path); err != nil {
			return false, err
		}
	}
	for _, s := range []showroom{malang, kediri, blitar} {
		r.check(fmt.Sprintf("every write acknowledged by %s is in its database on node %s exactly once", s.slug, map[string]string{"malang": "B", "kediri": "A", "blitar": "B"}[s.slug]),
			checkWrites(l.of(s.slug), copies[s.slug]))
	}
	r.check("A's last copy of malang held nothing B lacks, and no write acknowledged after the switch",
		checkOldCopy(l.of(malang.slug), onA, copies[malang.slug], m))
	byNode, problems := checkSends(l.of(malang.slug), copies[malang.slug], f)
	r.check(fmt.Sprintf("every reply in B's database went to WhatsApp once (%d sent by A, %d by B), no other", byNode["a"], byNode["b"]), problems)

	// Litestream syncs every second: give it three, then end it and restore.
	time.Sleep(3 * time.Second)
	for _, n := range []*node{a, b} {
		if err := ps.stop(n.replicate, 30*time.Second); err != nil {
			return false, err
		}
	}
	var compared int
	problems = nil
	for _, n := range []*node{a, b} {
		count, p, err := checkRestored(ctx, n, o.work)
		if err != nil {
			return false, fmt.Errorf("restoring node %s from its replica: %w", n.name, err)
		}
		compared += count
		problems = append(problems, p...)
	}
	r.check(fmt.Sprintf("Litestream: %d databases of A and B restored from their replicas equal the live ones", compared), problems)
	return r.end(time.Since(began)), nil
}
