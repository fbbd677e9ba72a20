#!/usr/bin/env bash
# Tests ./lio itself, the launcher as users run it (lio-cli's JUnit tests start the JVM directly): file names that
# are not ASCII, and one that is not UTF-8, given to `./lio cat`, `hash`, `stat` and `cp` under LC_ALL=C, with no
# locale variable at all, and under C.UTF-8 (and `stat -c %N` with QUOTING_STYLE=locale and clocale, which quote
# by the locale). Each must do and print exactly what coreutils does in that locale:
# same exit status, same stdout, same stderr once `lio CMD` is read as the coreutils tool's name; a copy must be
# byte for byte the source. Builds the tool first if needed (as ./lio does). Prints one line per check; exits 1 if
# any failed.
# Usage: scripts/test-launcher.sh
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
lio="$root/lio"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$lio" --version >/dev/null || exit 1

printf abc >$'\377\376-x'
printf caf >$'caf\303\251'
printf 'a b' >'a b'
mkdir tree && cp $'\377\376-x' $'caf\303\251' tree/
ln -s $'\377\376-x' link
names=($'\377\376-x' $'caf\303\251' $'nope-\303\251' $'nope-\377' 'a b')

failures=0
check() { # check WHAT TOOL LIO-COMMAND ENV... -- ARGS...: the coreutils tool and ./lio LIO-COMMAND, same results
  local what=$1 tool=$2 command=$3 env=()
  shift 3
  while [ "$1" != -- ]; do env+=("$1"); shift; done
  shift
  env "${env[@]}" $tool "$@" >gnu.out 2>gnu.err; local gnu=$?
  env "${env[@]}" "$lio" $command "$@" >lio.out 2>lio.err; local ours=$?
  local name=${tool%% *}
  if [ "$gnu" = "$ours" ] && cmp -s gnu.out lio.out && sed "s/^lio ${command%% *}:/$name:/" lio.err | cmp -s - gnu.err; then
    echo "ok   $what"
  else
    echo "FAIL $what: exit $gnu vs $ours"; diff <(cat gnu.out gnu.err) <(cat lio.out lio.err) | head -20
    failures=$((failures + 1))
  fi
}

for locale in "LC_ALL=C" "LANG unset" "LC_ALL=C.UTF-8"; do
  if [ "$locale" = "LANG unset" ]; then env=(-u LANG -u LANGUAGE -u LC_ALL -u LC_CTYPE -u LC_MESSAGES); else env=("$locale"); fi
  check "$locale: cat" cat cat "${env[@]}" -- "${names[@]}"
  check "$locale: hash" sha256sum hash "${env[@]}" -- "${names[@]}"
  check "$locale: stat -c" "stat -c %n|%N|%s" "stat -c %n|%N|%s" "${env[@]}" -- "${names[@]}" link
  check "$locale: stat" "stat" "stat" "${env[@]}" -- $'\377\376-x' $'caf\303\251' $'nope-\303\251'
  for style in locale clocale; do
    check "$locale: QUOTING_STYLE=$style stat -c %N" "stat -c %N" "stat -c %N" "${env[@]}" QUOTING_STYLE=$style -- \
      $'\377\376-x' $'caf\303\251' link
  done
  check "$locale: cp, missing source" cp cp "${env[@]}" -- $'nope-\303\251' copy
  rm -rf copy && env "${env[@]}" "$lio" cp -r tree copy && diff -r tree copy >/dev/null &&
    env "${env[@]}" "$lio" cp $'caf\303\251' $'copy\377' && cmp -s $'caf\303\251' $'copy\377'
  if [ $? = 0 ]; then echo "ok   $locale: cp, cp -r"; else echo "FAIL $locale: cp, cp -r"; failures=$((failures + 1)); fi
  rm -rf copy $'copy\377'
done
[ "$failures" = 0 ] || { echo "$failures check(s) failed"; exit 1; }
