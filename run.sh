#!/usr/bin/env bash
# The one entry point for users: builds the jar when it is missing or older than the sources,
# then runs it with the arguments given. Works from any directory; honours JAVA_HOME and JAVA_OPTS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/target/pekko-image-pipeline.jar"
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

command -v "$JAVA" >/dev/null 2>&1 || { echo "error: java not found (install a JDK 17+ or set JAVA_HOME)" >&2; exit 1; }

stale() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" "$ROOT/conf" -newer "$JAR" -print -quit 2>/dev/null)" ]
}

if stale; then
  command -v mvn >/dev/null 2>&1 || { echo "error: Maven (mvn) is needed to build the jar" >&2; exit 1; }
  echo "Building $JAR (missing or older than the sources) ..." >&2
  if ! (cd "$ROOT" && mvn -B -q -DskipTests package >&2); then
    echo "error: the build failed (see the Maven output above)" >&2
    exit 1
  fi
fi

# Pekko still uses sun.misc.Unsafe; JDK 23+ warns about it unless told it is expected.
JAVA_MAJOR="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
UNSAFE_OPT=""
if [ "${JAVA_MAJOR:-0}" -ge 23 ] 2>/dev/null; then UNSAFE_OPT="--sun-misc-unsafe-memory-access=allow"; fi
# Pekko's virtual-thread executor (JDK 21+) reads the JVM's virtual-thread scheduler by reflection;
# without this it still works but logs a warning with a stack trace.
VTHREAD_OPT=""
if [ "${JAVA_MAJOR:-0}" -ge 21 ] 2>/dev/null; then VTHREAD_OPT="--add-opens=java.base/java.lang=ALL-UNNAMED"; fi
# A heap of one fixed size, committed once: every row starts after a full collection, after which a
# growable heap shrinks and each row grew it again, faulting in fresh pages as it went; row timings then
# depended on the rows before them (two identical rows in one bench differed by up to 24 %). A heap size
# in JAVA_OPTS (-Xms/-Xmx) replaces this one.
HEAP_OPTS="-Xms2g -Xmx2g"
case " ${JAVA_OPTS:-} " in *" -Xms"* | *" -Xmx"*) HEAP_OPTS="" ;; esac
# ... and touched at start (about a second for 2 GB), not by the first rows: a node JVM that the cluster
# command starts had only been warmed up when its first timed row began, and faulted in its heap then,
# at up to 40 000 page faults a second (its decoding ran at half speed). -XX:-AlwaysPreTouch in
# JAVA_OPTS turns it off. Cluster nodes get this JVM's options.
case " ${JAVA_OPTS:-} " in *"AlwaysPreTouch"*) ;; *) HEAP_OPTS="$HEAP_OPTS -XX:+AlwaysPreTouch" ;; esac
# ... on 2 MB pages where the kernel gives them on request (transparent huge pages "madvise" or
# "always"): 512 times fewer page-table entries for the CPU to walk, and for a kernel memory monitor
# to sample (DAMON's held both cluster JVMs' workers off their cores for 30-110 ms several times a
# second; docs/cluster.md). -XX:-UseTransparentHugePages in JAVA_OPTS turns it off.
THP_MODE=/sys/kernel/mm/transparent_hugepage/enabled
case " ${JAVA_OPTS:-} " in
  *"TransparentHugePages"*) ;;
  *) if grep -qs -e '\[always\]' -e '\[madvise\]' "$THP_MODE"; then HEAP_OPTS="$HEAP_OPTS -XX:+UseTransparentHugePages"; fi ;;
esac

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
# The filters' SIMD kernels use the JDK's incubating Vector API; the JVM says so in one WARNING line at start.
exec "$JAVA" $UNSAFE_OPT $VTHREAD_OPT $HEAP_OPTS --add-modules jdk.incubator.vector -Djava.awt.headless=true -Dpipeline.home="$ROOT" ${JAVA_OPTS:-} -jar "$JAR" "$@"
