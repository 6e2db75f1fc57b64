#!/usr/bin/env bash
# After `sam deploy`: checks a Gristmill stack from the outside, changing nothing.
#   1. the HTTP API refuses a request without a token (401)
#   2. both Front webhook routes refuse an unsigned body (401)
#   3. a signed test event is accepted: Front's webhook validation challenge, signed with the app
#      secret from Secrets Manager, is answered with the challenge (it stores nothing)
#   4. the stack's schedules exist, are enabled, and start the three jobs
# Usage: infra/aws/smoke.sh <stack-name>
# Uses the AWS CLI's usual credentials, region and AWS_ENDPOINT_URL; GRISTMILL_SECRETS_PREFIX
# overrides where the app secret is read (default gristmill-<stack>, as the template sets it).
# Prints one PASS or FAIL line per check; exits non-zero if any failed.
set -euo pipefail

[ $# -eq 1 ] || { echo "Usage: $0 <stack-name>" >&2; exit 2; }
stack=$1
for tool in aws curl openssl base64; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required" >&2; exit 1; }
done
failed=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1"; failed=1; }
expect() { # what, expected, actual
  if [ "$2" = "$3" ]; then pass "$1: $3"; else fail "$1: expected $2, got $3"; fi
}

output() { # key
  aws cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
api_url=$(output ApiUrl)
app_webhook=$(output FrontAppWebhookUrl)
rule_webhook=$(output FrontRuleWebhookUrl)
rule_webhook=${rule_webhook//\{tenantId\}/smoke-check}

# HTTP status of a request; the body goes to the file named by $body.
body=$(mktemp)
trap 'rm -f "$body"' EXIT
status() { # curl arguments...
  curl -sS --max-time 30 -o "$body" -w '%{http_code}' "$@" || echo "000"
}

expect "API without a token" 401 "$(status "$api_url/connections")"
expect "app webhook, unsigned" 401 "$(status -X POST -H 'Content-Type: application/json' --data '{"type":"smoke"}' "$app_webhook")"
expect "rule webhook, unsigned" 401 "$(status -X POST -H 'Content-Type: application/json' --data '{"type":"smoke"}' "$rule_webhook")"

# The signed validation challenge. The app secret is never printed; it is openssl's HMAC key
# argument for the few milliseconds openssl runs (on the operator's machine).
prefix=${GRISTMILL_SECRETS_PREFIX:-gristmill-$stack}
app_secret=$(aws secretsmanager get-secret-value --secret-id "$prefix/_app/front" --query SecretString --output text \
  | sed -n 's/.*"app_secret" *: *"\([^"]*\)".*/\1/p')
if [ -z "$app_secret" ]; then
  fail "signed challenge: no app_secret in $prefix/_app/front (run infra/aws/bootstrap-secrets.sh)"
else
  challenge="smoke-$(date +%s)-$RANDOM"
  payload='{"type":"sync"}'
  timestamp=$(( $(date +%s) * 1000 ))
  signature=$(printf '%s:%s' "$timestamp" "$payload" | openssl dgst -sha256 -hmac "$app_secret" -binary | base64)
  code=$(status -X POST -H 'Content-Type: application/json' -H "X-Front-Request-Timestamp: $timestamp" \
    -H "X-Front-Signature: $signature" -H "X-Front-Challenge: $challenge" --data "$payload" "$app_webhook")
  if [ "$code" = 200 ] && grep -q "$challenge" "$body"; then
    pass "signed challenge: 200, answered"
  else
    fail "signed challenge: expected 200 with the challenge, got $code: $(head -c 300 "$body")"
  fi
fi

# The schedules: the stack's EventBridge rules, each enabled, together starting the three jobs.
mapfile -t rules < <(aws cloudformation describe-stack-resources --stack-name "$stack" \
  --query "StackResources[?ResourceType=='AWS::Events::Rule'].PhysicalResourceId" --output text | tr '\t' '\n' | sed '/^$/d')
jobs=""
for rule in "${rules[@]}"; do
  state=$(aws events describe-rule --name "$rule" --query State --output text)
  expect "schedule $rule" ENABLED "$state"
  jobs+=$(aws events list-targets-by-rule --rule "$rule" --query 'Targets[].Input' --output text)
done
[ ${#rules[@]} -gt 0 ] || fail "the stack has no schedules"
for job in salesforce-poll front-reconcile recap-drafts; do
  if [[ $jobs == *"\"$job\""* ]]; then pass "a schedule starts $job"; else fail "no schedule starts $job"; fi
done

exit "$failed"
