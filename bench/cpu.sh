# Sourced by the benchmarks: the server's CPU per request, from the user and
# system ticks in /proc/PID/stat before and after a wrk run divided by the
# requests wrk counted. Unlike requests/s it hardly depends on what else the
# machine is doing, so it is the figure to compare between two runs.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# ticks before, ticks after, wrk's output → microseconds of server CPU per request
cpu_per_request() {
  local n
  n=$(echo "$3" | awk '/requests in/ { print $1 }')
  awk -v a="$1" -v b="$2" -v n="${n:-0}" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { if (n > 0) printf "%.0f", (b - a) * 1e6 / hz / n; else printf "-" }'
}
