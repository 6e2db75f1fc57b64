#!/usr/bin/env bash
# Stores Gristmill's two app secrets in AWS Secrets Manager, encrypted with the stack's own KMS key
# (DataKey), where the functions read them:
#   gristmill-<stack>/_app/salesforce  {"client_id", "client_secret"}            (External Client App)
#   gristmill-<stack>/_app/front       {"client_id", "client_secret", "app_secret"} (Front app)
#
# Usage: infra/aws/bootstrap-secrets.sh <stack-name>
# Reads five values from stdin, one per line, in this order (at a terminal it asks for each and
# shows nothing typed): Salesforce consumer key, Salesforce consumer secret, Front client id,
# Front client secret, Front app secret. Values never appear in arguments, output or logs: they
# reach the AWS CLI through a pipe. Running it again replaces the values (a new secret version).
# Uses the AWS CLI's usual credentials, region and AWS_ENDPOINT_URL.
set -euo pipefail

usage() {
  echo "Usage: $0 <stack-name>   (five values on stdin, one per line; see the script's header)" >&2
  exit 2
}
[ $# -eq 1 ] || usage
stack=$1
[[ $stack =~ ^[A-Za-z][A-Za-z0-9-]{0,127}$ ]] || { echo "Not a CloudFormation stack name: $stack" >&2; exit 2; }
command -v aws >/dev/null 2>&1 || { echo "The AWS CLI (aws) is required" >&2; exit 1; }

# One value from stdin; at a terminal, a prompt on stderr and no echo.
read_value() { # label
  local value
  if [ -t 0 ]; then
    read -r -s -p "$1: " value
    echo >&2
  else
    IFS= read -r value || true
  fi
  if [ -z "$value" ]; then
    echo "No value for $1: nothing was stored." >&2
    exit 2
  fi
  if [[ $value =~ [[:cntrl:]] ]]; then
    echo "The value for $1 contains a control character: nothing was stored." >&2
    exit 2
  fi
  printf '%s' "$value"
}

# A JSON string of a value (control characters were refused above).
json_string() {
  local escaped=${1//\\/\\\\}
  escaped=${escaped//\"/\\\"}
  printf '"%s"' "$escaped"
}

salesforce_id=$(read_value "Salesforce consumer key")
salesforce_secret=$(read_value "Salesforce consumer secret")
front_id=$(read_value "Front client id")
front_secret=$(read_value "Front client secret")
front_app_secret=$(read_value "Front app secret")

key_id=$(aws cloudformation describe-stack-resource </dev/null --stack-name "$stack" --logical-resource-id DataKey \
  --query StackResourceDetail.PhysicalResourceId --output text)
if [ -z "$key_id" ] || [ "$key_id" = "None" ]; then
  echo "Stack $stack has no DataKey: deploy template.yaml first." >&2
  exit 1
fi

# Creates the secret, or stores a new version of it, and keeps it under the stack's key.
store() { # name, JSON on stdin
  local name=$1 version
  # Only put-secret-value and create-secret may read stdin: it holds the secret.
  if aws secretsmanager describe-secret --secret-id "$name" </dev/null >/dev/null 2>&1; then
    aws secretsmanager update-secret --secret-id "$name" --kms-key-id "$key_id" </dev/null >/dev/null
    version=$(aws secretsmanager put-secret-value --secret-id "$name" --secret-string file:///dev/stdin \
      --query VersionId --output text)
    echo "Updated $name (version $version, KMS key $key_id)"
  else
    version=$(aws secretsmanager create-secret --name "$name" --kms-key-id "$key_id" \
      --description "Gristmill app credentials (infra/aws/bootstrap-secrets.sh)" --secret-string file:///dev/stdin \
      --query VersionId --output text)
    echo "Created $name (version $version, KMS key $key_id)"
  fi
}

prefix="gristmill-$stack/_app"
printf '{"client_id":%s,"client_secret":%s}' "$(json_string "$salesforce_id")" "$(json_string "$salesforce_secret")" \
  | store "$prefix/salesforce"
printf '{"client_id":%s,"client_secret":%s,"app_secret":%s}' "$(json_string "$front_id")" "$(json_string "$front_secret")" \
  "$(json_string "$front_app_secret")" | store "$prefix/front"
