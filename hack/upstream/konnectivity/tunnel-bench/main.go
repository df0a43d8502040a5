// Command tunnel-bench measures throughput through konnectivity servers as kube-apiserver v1.34
// receives it in gRPC mode (a log stream, a port-forward): each tunnel is konnectivity-client's
// single-use tunnel on a new gRPC connection over the server's Unix socket, as for dial-bench, and
// the bytes are read from its net.Conn.
//
// Every tunnel sends the benchmark target an 8-byte big-endian count N, which answers with N bytes
// and closes; the tunnel is read to its end. For each round and each socket in turn (who goes first
// alternating), it opens -tunnels tunnels at once, reads -mib MiB through each, and times from the
// first dial to the last byte. It prints one line per socket: the socket, then the aggregate MiB/s
// of every round.
package main

import (
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"sigs.k8s.io/apiserver-network-proxy/konnectivity-client/pkg/client"
)

func main() {
	sockets := flag.String("sockets", "", "comma-separated Unix sockets of the servers' frontends")
	address := flag.String("address", "", "host:port the agents dial")
	tunnels := flag.Int("tunnels", 1, "concurrent tunnels per measurement")
	mib := flag.Int("mib", 256, "MiB read through each tunnel")
	rounds := flag.Int("rounds", 3, "measurements per socket")
	flag.Parse()
	if *sockets == "" || *address == "" {
		fmt.Fprintln(os.Stderr, "usage: tunnel-bench -sockets a.sock,b.sock -address host:port")
		os.Exit(2)
	}
	paths := strings.Split(*sockets, ",")
	bytes := int64(*mib) << 20

	rates := make([][]float64, len(paths))
	for r := 0; r < *rounds; r++ {
		for k := range paths {
			j := (r + k) % len(paths)
			secs, err := transfer(paths[j], *address, *tunnels, bytes)
			if err != nil {
				fmt.Fprintf(os.Stderr, "through %s: %v\n", paths[j], err)
				os.Exit(1)
			}
			rates[j] = append(rates[j], float64(*tunnels)*float64(*mib)/secs)
		}
	}
	for j, p := range paths {
		var b strings.Builder
		b.WriteString(p)
		for _, v := range rates[j] {
			fmt.Fprintf(&b, " %.2f", v)
		}
		fmt.Println(b.String())
	}
}

// transfer reads n bytes through each of k concurrent tunnels and returns the seconds it took.
func transfer(socket, address string, k int, n int64) (float64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	errs := make(chan error, k)
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < k; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- readThrough(ctx, socket, address, n)
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	close(errs)
	for err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return secs, nil
}

func readThrough(ctx context.Context, socket, address string, n int64) error {
	dialer := grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", socket)
	})
	tunnel, err := client.CreateSingleUseGrpcTunnel(ctx, socket, dialer,
		grpc.WithBlock(),
		grpc.WithReturnConnectionError(),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	conn, err := tunnel.DialContext(ctx, "tcp", address)
	if err != nil {
		return err
	}
	defer conn.Close()
	count := make([]byte, 8)
	binary.BigEndian.PutUint64(count, uint64(n))
	if _, err := conn.Write(count); err != nil {
		return err
	}
	got, err := io.Copy(io.Discard, conn)
	if err != nil {
		return err
	}
	if got != n {
		return fmt.Errorf("received %d bytes, expected %d", got, n)
	}
	return nil
}
