#!/usr/bin/env bash
# Starts the system locally on loopback and prints the line to use it:
#   export KUBECONFIG=<absolute path>
#
# Today (stand-alone stage) this runs the pinned upstream etcd and our API server with a
# self-signed serving certificate and an admin client certificate (group system:masters).
# The management cluster (kube-apiserver with aggregation, controller-manager, scheduler) is
# added by the local-cluster work. Running it twice is harmless: running processes are reused.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${KAMAJI_LOCAL_DIR:-$root/.local}
etcd_port=${KAMAJI_ETCD_PORT:-23790}
api_port=${KAMAJI_API_PORT:-8443}
mkdir -p "$state/logs" "$state/pids" "$state/certs"

alive() { [ -f "$state/pids/$1" ] && kill -0 "$(cat "$state/pids/$1")" 2>/dev/null; }

wait_for() { # description, pid name, command...
  local what=$1 name=$2; shift 2
  for _ in $(seq 1 120); do
    "$@" >/dev/null 2>&1 && return 0
    alive "$name" || { echo "$what exited; see $state/logs/$name.log" >&2; tail -5 "$state/logs/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "timed out waiting for $what (logs in $state/logs)" >&2; exit 1
}

# 1. Binaries: upstream etcd from the Go module proxy (cached), our server from Maven.
etcd_dir=$("$root/hack/build-upstream.sh" etcd)
if [ ! -f "$state/classpath" ] || [ -n "$(find "$root" -name '*.java' -newer "$state/classpath" -not -path '*/target/*' -print -quit)" ]; then
  echo "building the API server..." >&2
  # One reactor run, so sibling modules resolve to this checkout's jars, not ~/.m2 snapshots.
  (cd "$root" && mvn -B -q -DskipTests -Dspotless.skip=true -pl apiserver -am package \
     dependency:build-classpath -Dmdep.outputFile="$state/classpath.deps") >&2
  echo "$root/apiserver/target/classes:$(cat "$state/classpath.deps")" > "$state/classpath"
fi

# 2. Certificates: a local CA for client certificates and an admin certificate.
certs=$state/certs
if [ ! -f "$certs/admin.crt" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=kamaji-local-client-ca" \
    -keyout "$certs/client-ca.key" -out "$certs/client-ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=kamaji-admin" \
    -keyout "$certs/admin.key" -out "$certs/admin.csr" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n' > "$certs/admin.ext"
  openssl x509 -req -in "$certs/admin.csr" -CA "$certs/client-ca.crt" -CAkey "$certs/client-ca.key" \
    -CAcreateserial -days 365 -extfile "$certs/admin.ext" -out "$certs/admin.crt" 2>/dev/null
fi

# 3. etcd on loopback.
if ! alive etcd; then
  nohup "$etcd_dir/etcd" --name local --data-dir "$state/etcd-data" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$((etcd_port + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
    --initial-cluster "local=http://127.0.0.1:$((etcd_port + 1))" --log-level warn \
    > "$state/logs/etcd.log" 2>&1 &
  echo $! > "$state/pids/etcd"
fi
wait_for etcd etcd curl -fsS "http://127.0.0.1:$etcd_port/health"

# 4. Our API server.
if ! alive apiserver; then
  nohup java -Xmx512m -cp "$(cat "$state/classpath")" dev.controlplanes.kamaji.apiserver.Main \
    --bind-address=127.0.0.1 --secure-port="$api_port" \
    --etcd-servers="http://127.0.0.1:$etcd_port" --cert-dir="$certs/serving" \
    --client-ca-file="$certs/client-ca.crt" > "$state/logs/apiserver.log" 2>&1 &
  echo $! > "$state/pids/apiserver"
fi
wait_for "the API server" apiserver curl -fsS --cacert "$certs/serving/ca.crt" "https://127.0.0.1:$api_port/readyz"

# 5. A kubeconfig for the admin, and the default DataStore (the local etcd).
kubeconfig=$state/admin.kubeconfig
cat > "$kubeconfig" <<KCFG
apiVersion: v1
kind: Config
clusters:
- name: kamaji-local
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority: $certs/serving/ca.crt
users:
- name: kamaji-admin
  user:
    client-certificate: $certs/admin.crt
    client-key: $certs/admin.key
contexts:
- name: kamaji-local
  context: {cluster: kamaji-local, user: kamaji-admin, namespace: default}
current-context: kamaji-local
KCFG
b64() { base64 -w0 < "$1"; }
kubectl --kubeconfig "$kubeconfig" apply --server-side --field-manager=local-up -f - >/dev/null <<DS
apiVersion: kamaji.clastix.io/v1alpha1
kind: DataStore
metadata:
  name: default
spec:
  driver: etcd
  endpoints: ["127.0.0.1:$etcd_port"]
  tlsConfig:
    certificateAuthority:
      certificate: {content: $(b64 "$certs/client-ca.crt")}
      privateKey: {content: $(b64 "$certs/client-ca.key")}
    clientCertificate:
      certificate: {content: $(b64 "$certs/admin.crt")}
      privateKey: {content: $(b64 "$certs/admin.key")}
DS
echo "export KUBECONFIG=$kubeconfig"
