#!/usr/bin/env bash
# Builds the file tree the container images are made on, from this machine's Debian packages: a
# Java 17 runtime cut by jlink from openjdk-17 (its jmods), the shared libraries that runtime and the
# native parts of Netty (epoll, BoringSSL) load, the dynamic loader, /bin/sh (dash, for the
# konnectivity launcher script), an unprivileged user 65532 and a world-writable /tmp (Netty unpacks
# its native libraries there). No base image is pulled: none can be here, and this keeps the images
# to what the server runs.
#
#   hack/image/runtime.sh [output-dir]     (default: target/image-runtime; prints the directory)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/target/image-runtime}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
[ -d "$java_home/jmods" ] || { echo "no jmods under $java_home (Debian: openjdk-17-jmods)" >&2; exit 1; }

# jdeps over both servers' runtime classpaths, plus what libraries load reflectively (logging,
# management, XML, the EC and DNS providers, zip file systems).
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management
modules+=,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml
modules+=,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported
modules+=,jdk.zipfs

rm -rf "$out"
mkdir -p "$out/opt" "$out/bin" "$out/etc" "$out/tmp" "$out/lib64"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$out/opt/java"

# The libraries the runtime needs, found by ldd, without those of AWT's desktop half (java.desktop
# is there for java.beans; nothing here opens a window or a sound device).
desktop='lib(awt|awt_xawt|awt_headless|fontmanager|javajpeg|jawt|jsound|lcms|mlib_image|splashscreen)\.so'
libs=$( (find "$out/opt/java" -name '*.so' | grep -Ev "/$desktop\$"; echo "$out/opt/java/bin/java"
         echo /bin/dash) | xargs ldd 2>/dev/null | awk '/=> \//{print $3}' | grep -v "^$out/" | sort -u)
# Netty's epoll and BoringSSL libraries, unpacked from their jars at run time, link glibc's libdl,
# libpthread and librt as well (ldd of their META-INF/native/*.so).
glibc=/lib/x86_64-linux-gnu
for lib in $libs $glibc/libdl.so.2 $glibc/libpthread.so.0 $glibc/librt.so.1 $glibc/libnss_files.so.2; do
  [ -e "$lib" ] || continue
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$out/lib64/"
cp -L /bin/dash "$out/bin/sh"

printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/etc/group"
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
chmod 1777 "$out/tmp"
echo "$out"
