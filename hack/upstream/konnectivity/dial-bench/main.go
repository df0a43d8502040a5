// Command dial-bench times dials through konnectivity servers made the way kube-apiserver v1.34's
// egress selector makes them in gRPC mode (k8s.io/apiserver egressselector, udsGRPCConnector): for
// every dial a new gRPC connection over the server's Unix socket (blocking, insecure credentials),
// one Proxy stream on it, one DIAL_REQ, through konnectivity-client's single-use tunnel.
//
// It dials the given sockets in turn (who goes first alternating) after a warm-up on each, and
// prints one line per socket: the socket, then the milliseconds of every timed dial, from the start
// of the connection to the DIAL_RSP. Each dial then sends the benchmark target an 8-byte zero
// count and closes, and the next dial starts once the tunnel has shut down.
package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"kamaji-java/hack/upstream/konnectivity/benchclient"
)

func main() {
	dials := flag.Int("dials", 5000, "timed dials per socket")
	warmup := flag.Int("warmup", 10000, "untimed dials per socket before the timed ones")
	paths, address := benchclient.ParseFlags("dial-bench")

	for _, p := range paths {
		for i := 0; i < *warmup; i++ {
			if _, err := dial(p, address); err != nil {
				benchclient.Fail(p, err)
			}
		}
	}
	ms := make([][]float64, len(paths))
	for i := 0; i < *dials; i++ {
		for k := range paths {
			j := (i + k) % len(paths)
			d, err := dial(paths[j], address)
			if err != nil {
				benchclient.Fail(paths[j], err)
			}
			ms[j] = append(ms[j], float64(d.Nanoseconds())/1e6)
		}
	}
	benchclient.PrintPerSocket(paths, ms, "%.4f")
}

// dial returns the time from the start of the gRPC connection to the DIAL_RSP.
func dial(socket, address string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	tunnel, err := benchclient.OpenTunnel(context.TODO(), socket)
	if err != nil {
		return 0, err
	}
	conn, err := tunnel.DialContext(ctx, "tcp", address)
	elapsed := time.Since(start)
	if err != nil {
		return 0, err
	}
	if _, err := conn.Write(make([]byte, 8)); err != nil {
		return 0, err
	}
	// Close may report "tunnel closed" when the stream's end overtakes the CLOSE_RSP; kube-apiserver
	// ignores that too. What matters is that the tunnel shuts down.
	_ = conn.Close()
	select {
	case <-tunnel.Done():
	case <-ctx.Done():
		return 0, fmt.Errorf("tunnel not closed: %w", ctx.Err())
	}
	return elapsed, nil
}
