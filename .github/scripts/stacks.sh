#!/usr/bin/env bash
# Prints the stacks in stacks/ as a JSON array, in promotion order: every other stack first (dev, ...),
# then staging, then prod. The workflows' matrices read it, so a new stack file is all a new stack needs.
set -euo pipefail
cd "$(dirname "$0")/../.."
for file in stacks/Pulumi.*.yaml; do
  stack=${file#stacks/Pulumi.}
  stack=${stack%.yaml}
  case "$stack" in
    prod) rank=2 ;;
    staging) rank=1 ;;
    *) rank=0 ;;
  esac
  echo "$rank $stack"
done | sort -k1,1n -k2,2 | cut -d' ' -f2 | jq -R . | jq -cs .
