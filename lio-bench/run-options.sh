# Sourced by the run-pN.sh scripts before anything else: reads the script's command line.
#
# parse_run_options QUICK PASSED "$@"
#   QUICK   the runner options that --quick stands for, separated by spaces
#   PASSED  the options handed to the runner with their value, separated by |, e.g. "--duration|--warmup"
# Sets $command (the script's command line, for the report) and the array $args (the runner options); --help
# prints the script's header comment and exits; an unknown option or a missing value exits with status 2.
parse_run_options() {
    local quick=$1 passed=$2 script
    shift 2
    script=$(basename "$0")
    command="lio-bench/$script${*:+ $*}"
    args=()
    while (( $# > 0 )); do
        if [[ $1 == --quick ]]; then
            read -ra quick_args <<< "$quick"
            args+=("${quick_args[@]}")
            shift
        elif [[ $1 == -h || $1 == --help ]]; then
            awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
            exit 0
        elif [[ "|$passed|" == *"|$1|"* ]]; then
            (( $# >= 2 )) || { echo "$script: $1 needs a value" >&2; exit 2; }
            args+=("$1" "$2")
            shift 2
        else
            echo "$script: unknown option $1 (see --help)" >&2
            exit 2
        fi
    done
}

# jvm_option_defaults OPTION JVM_ARG...
#   Sets the array $defaults to OPTION JVM_ARG for each JVM_ARG: the runner option that hands a JVM option to its
#   child or server JVMs (--child-jvm-arg, --server-jvm-arg), repeated. The command line's own OPTION values, in
#   $args, come after them and add to them.
jvm_option_defaults() {
    local option=$1 a
    shift
    defaults=()
    for a in "$@"; do
        defaults+=("$option" "$a")
    done
}
