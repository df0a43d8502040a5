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
	"net"
	"os"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"sigs.k8s.io/apiserver-network-proxy/konnectivity-client/pkg/client"
)

func main() {
	sockets := flag.String("sockets", "", "comma-separated Unix sockets of the servers' frontends")
	address := flag.String("address", "", "host:port the agents dial")
	dials := flag.Int("dials", 5000, "timed dials per socket")
	warmup := flag.Int("warmup", 10000, "untimed dials per socket before the timed ones")
	flag.Parse()
	if *sockets == "" || *address == "" {
		fmt.Fprintln(os.Stderr, "usage: dial-bench -sockets a.sock,b.sock -address host:port")
		os.Exit(2)
	}
	paths := strings.Split(*sockets, ",")

	for _, p := range paths {
		for i := 0; i < *warmup; i++ {
			if _, err := dial(p, *address); err != nil {
				fail(p, err)
			}
		}
	}
	ms := make([][]float64, len(paths))
	for i := 0; i < *dials; i++ {
		for k := range paths {
			j := (i + k) % len(paths)
			d, err := dial(paths[j], *address)
			if err != nil {
				fail(paths[j], err)
			}
			ms[j] = append(ms[j], float64(d.Nanoseconds())/1e6)
		}
	}
	for j, p := range paths {
		var b strings.Builder
		b.WriteString(p)
		for _, v := range ms[j] {
			fmt.Fprintf(&b, " %.4f", v)
		}
		fmt.Println(b.String())
	}
}

// dial returns the time from the start of the gRPC connection to the DIAL_RSP.
func dial(socket, address string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dialer := grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", socket)
	})
	start := time.Now()
	tunnel, err := client.CreateSingleUseGrpcTunnel(context.TODO(), socket, dialer,
		grpc.WithBlock(),
		grpc.WithReturnConnectionError(),
		grpc.WithTimeout(30*time.Second),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
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

func fail(socket string, err error) {
	fmt.Fprintf(os.Stderr, "dial through %s: %v\n", socket, err)
	os.Exit(1)
}
