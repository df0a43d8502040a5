#!/usr/bin/env bash
# Builds the container images of the server (kamaji-java/apiserver, also the migrate Job's image)
# and of the konnectivity proxy (kamaji-java/konnectivity-proxy, the sidecar's image through
# --konnectivity-image) as OCI image tarballs, without a Docker engine or a base image: the runtime
# tree of hack/image/runtime.sh, then Jib. Prints the two tarballs' paths; load them with
# `ctr images import`, `podman load` or `docker load`, or push them with skopeo or crane.
#
#   hack/image/build.sh          (KAMAJI_IMAGE_TAG: the tag, default latest)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
runtime=$(hack/image/runtime.sh "$root/target/image-runtime")
# The runtime property turns on the modules' "images" profile, which runs jib:buildTar at package.
mvn -B -q -ntp -DskipTests -Dspotless.skip=true -Dkamaji.image.runtime="$runtime" \
  -Dkamaji.image.tag="${KAMAJI_IMAGE_TAG:-latest}" -pl apiserver,konnectivity-proxy -am package >&2
echo "$root/apiserver/target/image.tar"
echo "$root/konnectivity-proxy/target/image.tar"
