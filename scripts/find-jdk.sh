# Sourced by ./lio and the bench scripts: prints the home of a JDK >= 22 on this machine, the newest found,
# looking where maven-toolchains-plugin's select-jdk-toolchain looks (JAVA_HOME, PATH, /usr/lib/jvm, ~/.jdks,
# /opt). Fails with a message naming what it needs when there is none. Reads each JDK's `release` file with
# bash built-ins only: ./lio runs this before every command, and each process it started would add to lio's
# start-up time.

lio_jdk_major() { # $1 = JDK home; prints the feature version (17, 25, ...) or nothing
  _lio_jdk_major "$1"
  [ -z "$REPLY" ] || echo "$REPLY"
}

_lio_jdk_major() { # as lio_jdk_major, into $REPLY, without a subshell
  local line
  REPLY=""
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$1/release" ]; then
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
        REPLY=${BASH_REMATCH[1]}
        return 0
      fi
    done <"$1/release"
  fi
  REPLY=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
}

lio_find_jdk() {
  local min=22 best="" best_v=0 home v java candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if java=$(command -v java); then
    java=$(readlink -f "$java")
    candidates+=("${java%/bin/java}")
  fi
  for home in /usr/lib/jvm/* "${HOME:-/nonexistent}"/.jdks/* /opt/*jdk* /opt/java/*; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    _lio_jdk_major "$home"
    v=$REPLY
    if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then
      best="$home"; best_v="$v"
    fi
  done
  if [ -z "$best" ]; then
    echo "lio: no JDK $min or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, ~/.jdks, /opt); install one, e.g. Temurin 25" >&2
    return 1
  fi
  echo "$best"
}
