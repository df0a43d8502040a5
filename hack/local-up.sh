#!/usr/bin/env bash
# Starts a real local management cluster with our API server behind its aggregation layer, all on
# loopback, and ends by printing the line to use it:
#   export KUBECONFIG=<absolute path>
#
# Processes: etcd (management cluster), kube-apiserver (aggregation and front-proxy certificates),
# kube-controller-manager, kube-scheduler, kwok (fake nodes, so tenant Deployments become
# Available), a second etcd (our objects), a third etcd with TLS, client-certificate
# authentication and RBAC enabled (the `default` DataStore that tenants share), and our API
# server, which authenticates and authorizes through kube-apiserver. The APIService reaches our
# server through an ExternalName Service at 127.0.0.1. Upstream binaries are built from the Go
# module proxy and cached under ~/.cache. Running it twice is harmless: running processes are
# reused.
#
# Environment: KAMAJI_LOCAL_DIR (state, default .local), KAMAJI_PORT_BASE (default 23790; ports
# base..base+8 are used), KAMAJI_API_PORT (our server, default 8443), KAMAJI_KWOK_NODES (fake
# nodes, default 2), KAMAJI_API_ARGS (extra flags for our server), KAMAJI_API_JAVA_OPTS (its JVM
# options besides apiserver/jvm.options, default -Xmx512m).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=$(mkdir -p "${KAMAJI_LOCAL_DIR:-$root/.local}" && cd "${KAMAJI_LOCAL_DIR:-$root/.local}" && pwd)
base=${KAMAJI_PORT_BASE:-23790}
mgmt_etcd=$base; kamaji_etcd=$((base + 2)); kube_port=$((base + 4)); kcm_port=$((base + 5))
sched_port=$((base + 6)); tenants_etcd=$((base + 7)); api_port=${KAMAJI_API_PORT:-8443}
kwok_nodes=${KAMAJI_KWOK_NODES:-2}
certs=$state/certs; logs=$state/logs; pids=$state/pids
mkdir -p "$certs" "$logs" "$pids"

alive() { [ -f "$pids/$1" ] && kill -0 "$(cat "$pids/$1")" 2>/dev/null; }
start() { # name, command...
  local name=$1; shift
  alive "$name" && return 0
  nohup "$@" > "$logs/$name.log" 2>&1 &
  echo $! > "$pids/$name"
}
wait_for() { # description, process name, command...
  local what=$1 name=$2; shift 2
  for _ in $(seq 1 240); do
    "$@" >/dev/null 2>&1 && return 0
    alive "$name" || { echo "$what exited; see $logs/$name.log" >&2; tail -20 "$logs/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "timed out waiting for $what; see $logs/$name.log" >&2; exit 1
}

# ---------------------------------------------------------------- binaries
etcd_dir=$("$root/hack/build-upstream.sh" etcd)
kube_dir=$("$root/hack/build-upstream.sh" kubernetes)
kwok_dir=$("$root/hack/build-upstream.sh" kwok)
gateway_api_dir=$("$root/hack/build-upstream.sh" gateway-api)
if [ ! -f "$state/classpath" ] || [ -n "$(find "$root" -name '*.java' -newer "$state/classpath" -not -path '*/target/*' -print -quit)" ]; then
  echo "building the API server..." >&2
  # One reactor run, so sibling modules resolve to this checkout's jars, not ~/.m2 snapshots.
  (cd "$root" && mvn -B -q -DskipTests -Dspotless.skip=true -pl apiserver -am package \
     dependency:build-classpath -Dmdep.outputFile="$state/classpath.deps") >&2
  echo "$root/apiserver/target/classes:$(cat "$state/classpath.deps")" > "$state/classpath"
fi

# ---------------------------------------------------------------- certificates
ca() { # name, CN
  [ -f "$certs/$1.crt" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$2" \
    -keyout "$certs/$1.key" -out "$certs/$1.crt" 2>/dev/null
}
issue() { # name, ca, subject, usage (client|server), [subjectAltName]
  local name=$1 issuer=$2 subject=$3 usage=$4 san=${5:-}
  [ -f "$certs/$name.crt" ] && return 0
  openssl req -newkey rsa:2048 -nodes -subj "$subject" -keyout "$certs/$name.key.pem" \
    -out "$certs/$name.csr" 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in "$certs/$name.key.pem" -out "$certs/$name.key"
  { echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=${usage}Auth"
    [ -n "$san" ] && echo "subjectAltName=$san"; } > "$certs/$name.ext"
  openssl x509 -req -in "$certs/$name.csr" -CA "$certs/$issuer.crt" -CAkey "$certs/$issuer.key" \
    -CAcreateserial -days 365 -extfile "$certs/$name.ext" -out "$certs/$name.crt" 2>/dev/null
}
ca cluster-ca kubernetes-local-ca
ca front-proxy-ca front-proxy-local-ca
ca kamaji-serving-ca kamaji-api-local-ca
issue kube-apiserver cluster-ca "/CN=kube-apiserver" server \
  "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:127.0.0.1,IP:10.0.0.1"
issue admin cluster-ca "/O=system:masters/CN=kubernetes-admin" client
issue controller-manager cluster-ca "/CN=system:kube-controller-manager" client
issue scheduler cluster-ca "/CN=system:kube-scheduler" client
# Our server talks to kube-apiserver as its ServiceAccount would, so manifests/base/rbac.yaml applies.
issue kamaji-api-client cluster-ca "/CN=system:serviceaccount:kamaji-system:kamaji-api" client
issue front-proxy-client front-proxy-ca "/CN=front-proxy-client" client
issue kamaji-api-serving kamaji-serving-ca "/CN=kamaji-api.kamaji-system.svc" server \
  "DNS:kamaji-api.kamaji-system.svc,DNS:localhost,IP:127.0.0.1"
# The tenants' datastore has a CA of its own: the DataStore carries its private key so that the
# controllers can mint one client certificate per tenant; it must not be the cluster's CA.
ca datastore-ca kamaji-datastore-local-ca
issue datastore-server datastore-ca "/CN=etcd-tenants" server "DNS:localhost,IP:127.0.0.1"
issue datastore-root datastore-ca "/CN=root" client
[ -f "$certs/sa.key" ] || { openssl genrsa -out "$certs/sa.key" 2048 2>/dev/null; \
  openssl rsa -in "$certs/sa.key" -pubout -out "$certs/sa.pub" 2>/dev/null; }

kubeconfig() { # file, user cert name, server
  cat > "$1" <<KCFG
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: $3
    certificate-authority: $certs/cluster-ca.crt
users:
- name: user
  user:
    client-certificate: $certs/$2.crt
    client-key: $certs/$2.key
contexts:
- name: local
  context: {cluster: local, user: user, namespace: default}
current-context: local
KCFG
}
kube_url=https://127.0.0.1:$kube_port
kubeconfig "$state/admin.kubeconfig" admin "$kube_url"
kubeconfig "$state/controller-manager.kubeconfig" controller-manager "$kube_url"
kubeconfig "$state/scheduler.kubeconfig" scheduler "$kube_url"
kubeconfig "$state/kamaji-api.kubeconfig" kamaji-api-client "$kube_url"
kubectl_admin() { kubectl --kubeconfig "$state/admin.kubeconfig" "$@"; }

# ---------------------------------------------------------------- etcd x2
etcd_cmd() { # name, client port
  echo "$etcd_dir/etcd" --name "$1" --data-dir "$state/$1-data" \
    --listen-client-urls "http://127.0.0.1:$2" --advertise-client-urls "http://127.0.0.1:$2" \
    --listen-peer-urls "http://127.0.0.1:$(($2 + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$(($2 + 1))" \
    --initial-cluster "$1=http://127.0.0.1:$(($2 + 1))" --log-level warn
}
start etcd-mgmt $(etcd_cmd etcd-mgmt "$mgmt_etcd")
start etcd-kamaji $(etcd_cmd etcd-kamaji "$kamaji_etcd")
wait_for "etcd (management)" etcd-mgmt curl -fsS "http://127.0.0.1:$mgmt_etcd/health"
wait_for "etcd (kamaji)" etcd-kamaji curl -fsS "http://127.0.0.1:$kamaji_etcd/health"

# The tenants' etcd: TLS only, the client certificate's CN is the etcd user, RBAC enabled, so a
# tenant's certificate reaches nothing but its own /<schema>/ range.
start etcd-tenants "$etcd_dir/etcd" --name etcd-tenants --data-dir "$state/etcd-tenants-data" \
  --listen-client-urls "https://127.0.0.1:$tenants_etcd" --advertise-client-urls "https://127.0.0.1:$tenants_etcd" \
  --listen-peer-urls "http://127.0.0.1:$((tenants_etcd + 1))" \
  --initial-advertise-peer-urls "http://127.0.0.1:$((tenants_etcd + 1))" \
  --initial-cluster "etcd-tenants=http://127.0.0.1:$((tenants_etcd + 1))" \
  --cert-file "$certs/datastore-server.crt" --key-file "$certs/datastore-server.key" \
  --trusted-ca-file "$certs/datastore-ca.crt" --client-cert-auth --log-level warn
etcdctl_root() {
  "$etcd_dir/etcdctl" --endpoints "https://127.0.0.1:$tenants_etcd" --cacert "$certs/datastore-ca.crt" \
    --cert "$certs/datastore-root.crt" --key "$certs/datastore-root.key" "$@"
}
wait_for "etcd (tenants)" etcd-tenants etcdctl_root endpoint health
if ! etcdctl_root auth status | grep -q 'Authentication Status: true'; then
  etcdctl_root user get root >/dev/null 2>&1 || etcdctl_root user add root --no-password >/dev/null
  etcdctl_root user grant-role root root >/dev/null
  etcdctl_root auth enable >/dev/null
fi

# ---------------------------------------------------------------- control plane
start kube-apiserver "$kube_dir/kube-apiserver" \
  --etcd-servers="http://127.0.0.1:$mgmt_etcd" \
  --bind-address=127.0.0.1 --secure-port="$kube_port" \
  --advertise-address=127.0.0.1 --endpoint-reconciler-type=none \
  --tls-cert-file="$certs/kube-apiserver.crt" --tls-private-key-file="$certs/kube-apiserver.key" \
  --client-ca-file="$certs/cluster-ca.crt" \
  --service-account-issuer="$kube_url" --service-account-key-file="$certs/sa.pub" \
  --service-account-signing-key-file="$certs/sa.key" \
  --service-cluster-ip-range=10.0.0.0/16 --authorization-mode=RBAC --allow-privileged=true \
  --requestheader-client-ca-file="$certs/front-proxy-ca.crt" \
  --requestheader-allowed-names=front-proxy-client \
  --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
  --requestheader-extra-headers-prefix=X-Remote-Extra- --requestheader-uid-headers=X-Remote-Uid \
  --proxy-client-cert-file="$certs/front-proxy-client.crt" \
  --proxy-client-key-file="$certs/front-proxy-client.key" \
  --enable-aggregator-routing=false
wait_for kube-apiserver kube-apiserver kubectl_admin get --raw /readyz

# Client rate limits raised from 20/30 (controller-manager) and 50/100 (scheduler) requests per
# second: at the defaults the Deployment, ReplicaSet and scheduling work of a hundred tenants
# created at once waits tens of seconds in the components' own client throttling.
start kube-controller-manager "$kube_dir/kube-controller-manager" \
  --kubeconfig="$state/controller-manager.kubeconfig" \
  --authentication-kubeconfig="$state/controller-manager.kubeconfig" \
  --authorization-kubeconfig="$state/controller-manager.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$kcm_port" --leader-elect=false \
  --service-account-private-key-file="$certs/sa.key" --root-ca-file="$certs/cluster-ca.crt" \
  --use-service-account-credentials=true --controllers='*,-nodeipam,-nodelifecycle,-cloud-node-lifecycle,-service-lb-controller,-route' \
  --kube-api-qps=200 --kube-api-burst=400
start kube-scheduler "$kube_dir/kube-scheduler" \
  --kubeconfig="$state/scheduler.kubeconfig" \
  --authentication-kubeconfig="$state/scheduler.kubeconfig" \
  --authorization-kubeconfig="$state/scheduler.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$sched_port" --leader-elect=false \
  --kube-api-qps=200 --kube-api-burst=400

# Fake nodes: kwok marks them Ready and runs their pods in name only, so tenant Deployments
# become Available. The addresses are only written into status; nothing ever dials them.
start kwok "$kwok_dir/kwok" --kubeconfig="$state/admin.kubeconfig" \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --cidr=198.18.0.0/16 --node-ip=198.19.0.1 --config="$root/hack/kwok/stages.yaml"
for i in $(seq 1 "$kwok_nodes"); do
  kubectl_admin apply -f - >/dev/null <<NODE
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels: {type: kwok, kubernetes.io/hostname: kwok-node-$i, kubernetes.io/os: linux}
status:
  allocatable: {cpu: "64", memory: 256Gi, pods: "1000"}
  capacity: {cpu: "64", memory: 256Gi, pods: "1000"}
NODE
done
# Admission taints new nodes not-ready; the node lifecycle controller that would lift the taint is
# off here (it needs kubelet heartbeats), so lift it once kwok has made the nodes Ready.
if [ "$kwok_nodes" -gt 0 ]; then
  kubectl_admin wait --for=condition=Ready --timeout=60s node -l type=kwok >/dev/null
  kubectl_admin taint nodes -l type=kwok node.kubernetes.io/not-ready:NoSchedule- >/dev/null 2>&1 || true
fi

# The Gateway API's CRDs (GatewayClass, Gateway, TLSRoute), so that tenants can be exposed through a
# Gateway (spec.controlPlane.gateway). Our controllers look the API up when they start.
kubectl_admin apply --server-side -f "$gateway_api_dir" >/dev/null
kubectl_admin wait --for=condition=Established --timeout=60s \
  crd/gateways.gateway.networking.k8s.io crd/tlsroutes.gateway.networking.k8s.io >/dev/null

# ---------------------------------------------------------------- our server
kubectl_admin apply -f "$root/manifests/base/namespace.yaml" -f "$root/manifests/base/serviceaccount.yaml" \
  -f "$root/manifests/base/rbac.yaml" >/dev/null
# The tenant-side phase dials only loopback tenants (those run by the end-to-end tests): a
# tenant's ClusterIP is unreachable from here and must never be dialled through the default route.
# Tenant API servers run here as processes, so they reach our webhooks at loopback too.
# shellcheck disable=SC2086 # KAMAJI_API_ARGS is a list of flags
start kamaji-api java @"$root/apiserver/jvm.options" ${KAMAJI_API_JAVA_OPTS:--Xmx512m} -cp "$(cat "$state/classpath")" dev.controlplanes.kamaji.apiserver.Main \
  --bind-address=127.0.0.1 --secure-port="$api_port" \
  --etcd-servers="http://127.0.0.1:$kamaji_etcd" \
  --tls-cert-file="$certs/kamaji-api-serving.crt" --tls-private-key-file="$certs/kamaji-api-serving.key" \
  --kubeconfig="$state/kamaji-api.kubeconfig" --tenant-networks=127.0.0.0/8,::1/128 \
  --tenant-webhook-url="https://127.0.0.1:$api_port" --webhook-ca-path="$certs/kamaji-serving-ca.crt" ${KAMAJI_API_ARGS:-}
wait_for "our API server" kamaji-api curl -fsS --cacert "$certs/kamaji-serving-ca.crt" "https://127.0.0.1:$api_port/readyz"

# The APIService: an ExternalName Service at 127.0.0.1 (never a ClusterIP) and our CA as caBundle.
kubectl_admin apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Service
metadata:
  name: kamaji-api
  namespace: kamaji-system
spec:
  type: ExternalName
  externalName: 127.0.0.1
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1alpha1.kamaji.clastix.io
spec:
  group: kamaji.clastix.io
  version: v1alpha1
  groupPriorityMinimum: 1000
  versionPriority: 15
  service: {namespace: kamaji-system, name: kamaji-api, port: $api_port}
  caBundle: $(base64 -w0 < "$certs/kamaji-serving-ca.crt")
YAML
kubectl_admin wait --for=condition=Available --timeout=120s apiservice/v1alpha1.kamaji.clastix.io >/dev/null
# Available comes before kube-apiserver's discovery lists the group; kubectl needs the latter.
for _ in $(seq 1 120); do
  kubectl_admin api-resources --api-group=kamaji.clastix.io 2>/dev/null | grep -q '^datastores' && break
  sleep 0.5
done

# A default DataStore, as Kamaji's chart creates: here the tenants' etcd.
b64() { base64 -w0 < "$1"; }
kubectl_admin apply --server-side --field-manager=local-up -f - >/dev/null <<DS
apiVersion: kamaji.clastix.io/v1alpha1
kind: DataStore
metadata:
  name: default
spec:
  driver: etcd
  endpoints: ["127.0.0.1:$tenants_etcd"]
  tlsConfig:
    certificateAuthority:
      certificate: {content: $(b64 "$certs/datastore-ca.crt")}
      privateKey: {content: $(b64 "$certs/datastore-ca.key")}
    clientCertificate:
      certificate: {content: $(b64 "$certs/datastore-root.crt")}
      privateKey: {content: $(b64 "$certs/datastore-root.key")}
DS
echo "export KUBECONFIG=$state/admin.kubeconfig"
