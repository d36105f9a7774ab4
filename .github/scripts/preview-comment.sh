#!/usr/bin/env bash
# Posts (or updates) one pull-request comment per stack with the outcome of `pulumi preview`, whether
# it passed or failed: a failed preview is when the reviewer most needs to see it. The body is also
# written to the job summary.
# usage: preview-comment.sh <stack> <exit code of pulumi preview> <its output>
# env: GH_TOKEN, GITHUB_REPOSITORY, PR_NUMBER, GITHUB_STEP_SUMMARY, GITHUB_SERVER_URL, GITHUB_RUN_ID
set -euo pipefail
stack=$1 code=$2 log=$3
marker="<!-- pulumi-aws-dr preview: ${stack} -->"
run_url="${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}"

# Pulumi prints its change summary after a "Resources:" line; a failed preview may have none.
summary=$(sed -n '/^Resources:/,/^$/p' "$log")
if [ "$code" = 0 ]; then
  status=":white_check_mark: \`pulumi preview\` succeeded"
else
  status=":x: \`pulumi preview\` failed with exit code ${code}"
fi

body=$(mktemp)
{
  echo "$marker"
  echo "### Preview of stack \`${stack}\`"
  echo
  echo "${status} ([run](${run_url}))."
  echo
  echo "**Summary**"
  echo
  echo '~~~'
  if [ -n "$summary" ]; then echo "$summary"; else echo "(no change summary: the preview stopped before it)"; fi
  echo '~~~'
  echo
  echo "<details><summary>The end of the output</summary>"
  echo
  echo '~~~'
  # GitHub refuses comments over 65,536 characters: the last 200 lines stay well under it.
  tail -n 200 "$log" | cut -c1-300
  echo '~~~'
  echo "</details>"
} > "$body"

cat "$body" >> "$GITHUB_STEP_SUMMARY"

existing=$(gh api "repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments" --paginate \
  --jq ".[] | select(.body | startswith(\"${marker}\")) | .id" | head -n 1)
if [ -n "$existing" ]; then
  gh api --method PATCH "repos/${GITHUB_REPOSITORY}/issues/comments/${existing}" -F "body=@${body}" > /dev/null
else
  gh api --method POST "repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments" -F "body=@${body}" > /dev/null
fi
