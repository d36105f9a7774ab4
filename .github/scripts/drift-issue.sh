#!/usr/bin/env bash
# The drift notification: opens an issue labelled "drift" for the stack, or comments on the one still
# open, linking the run whose summary holds the refresh's output. Watchers of the repository are told.
# usage: drift-issue.sh <stack>
# env: GH_TOKEN, GITHUB_REPOSITORY, GITHUB_SERVER_URL, GITHUB_RUN_ID
set -euo pipefail
stack=$1
title="Drift in stack ${stack}"
run_url="${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}"
body="\`pulumi refresh --preview-only --expect-no-changes\` found resources of stack \`${stack}\` that differ \
from the state: someone changed them outside Pulumi. The refresh's output is in the summary of ${run_url}.
Review it, then either run \`pulumi refresh\` to accept the change or \`pulumi up\` to put the program's values back."

gh label create drift --repo "$GITHUB_REPOSITORY" --color B60205 \
  --description "The cloud differs from the Pulumi state" 2>/dev/null || true
open=$(gh issue list --repo "$GITHUB_REPOSITORY" --label drift --state open --search "\"${title}\" in:title" \
  --json number,title --jq ".[] | select(.title == \"${title}\") | .number" | head -n 1)
if [ -n "$open" ]; then
  gh issue comment "$open" --repo "$GITHUB_REPOSITORY" --body "Still drifted: ${run_url}"
else
  gh issue create --repo "$GITHUB_REPOSITORY" --title "$title" --label drift --body "$body"
fi
