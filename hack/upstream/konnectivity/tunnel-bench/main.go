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
	"sync"
	"time"

	"kamaji-java/hack/upstream/konnectivity/benchclient"
)

func main() {
	tunnels := flag.Int("tunnels", 1, "concurrent tunnels per measurement")
	mib := flag.Int("mib", 256, "MiB read through each tunnel")
	rounds := flag.Int("rounds", 3, "measurements per socket")
	paths, address := benchclient.ParseFlags("tunnel-bench")
	bytes := int64(*mib) << 20

	rates := make([][]float64, len(paths))
	for r := 0; r < *rounds; r++ {
		for k := range paths {
			j := (r + k) % len(paths)
			secs, err := transfer(paths[j], address, *tunnels, bytes)
			if err != nil {
				benchclient.Fail(paths[j], err)
			}
			rates[j] = append(rates[j], float64(*tunnels)*float64(*mib)/secs)
		}
	}
	benchclient.PrintPerSocket(paths, rates, "%.2f")
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
	tunnel, err := benchclient.OpenTunnel(ctx, socket)
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
