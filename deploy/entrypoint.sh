#!/bin/sh
# The image's entrypoint: `docker run <image> <name> [args…]` runs one process of the platform by
# name (router, migrate, audit-verify, or a subgraph of schema/subgraphs.json). The name is mapped
# to its compiled script by scripts/process-script.ts (which reads the subgraph list); `exec` makes
# node PID 1, so SIGTERM reaches the process's own shutdown (drain, then stop) directly.
set -eu
script="$(node dist/scripts/process-script.js "${1:-}")" || exit $?
shift
exec node --enable-source-maps "$script" "$@"
