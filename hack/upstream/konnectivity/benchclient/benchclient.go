// Package benchclient is what the Go benchmark clients (dial-bench, tunnel-bench) share: their
// common flags, tunnels opened as kube-apiserver v1.34's egress selector opens them in gRPC mode
// (k8s.io/apiserver egressselector, udsGRPCConnector), and their output.
package benchclient

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

// ParseFlags defines -sockets and -address, parses the command line (define the command's own
// flags before calling it) and returns the sockets and the address; without them it prints the
// usage of command and exits.
func ParseFlags(command string) ([]string, string) {
	sockets := flag.String("sockets", "", "comma-separated Unix sockets of the servers' frontends")
	address := flag.String("address", "", "host:port the agents dial")
	flag.Parse()
	if *sockets == "" || *address == "" {
		fmt.Fprintf(os.Stderr, "usage: %s -sockets a.sock,b.sock -address host:port\n", command)
		os.Exit(2)
	}
	return strings.Split(*sockets, ","), *address
}

// OpenTunnel opens konnectivity-client's single-use tunnel on a new gRPC connection over socket,
// with kube-apiserver's options: blocking, insecure credentials, 30 s to connect. The tunnel ends
// when tunnelCtx does, if it has not ended before.
func OpenTunnel(tunnelCtx context.Context, socket string) (client.Tunnel, error) {
	dialer := grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", socket)
	})
	return client.CreateSingleUseGrpcTunnel(tunnelCtx, socket, dialer,
		grpc.WithBlock(),
		grpc.WithReturnConnectionError(),
		grpc.WithTimeout(30*time.Second),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
}

// PrintPerSocket prints one line per socket: the socket, then each of its values in format.
func PrintPerSocket(sockets []string, values [][]float64, format string) {
	for j, p := range sockets {
		var b strings.Builder
		b.WriteString(p)
		for _, v := range values[j] {
			fmt.Fprintf(&b, " "+format, v)
		}
		fmt.Println(b.String())
	}
}

// Fail reports what went wrong through socket and exits.
func Fail(socket string, err error) {
	fmt.Fprintf(os.Stderr, "through %s: %v\n", socket, err)
	os.Exit(1)
}
