# Sourced by ./lio and the bench scripts: prints the home of a JDK >= 22 on this machine, the newest found,
# looking where maven-toolchains-plugin's select-jdk-toolchain looks (JAVA_HOME, PATH, /usr/lib/jvm, ~/.jdks,
# /opt). Fails with a message naming what it needs when there is none.

lio_jdk_major() { # $1 = JDK home; prints the feature version (17, 25, ...) or nothing
  local release="$1/release" v
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  echo "$v"
}

lio_find_jdk() {
  local min=22 best="" best_v=0 home v candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  command -v java >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for home in /usr/lib/jvm/* "$HOME"/.jdks/* /opt/*jdk* /opt/java/*; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    v=$(lio_jdk_major "$home")
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
