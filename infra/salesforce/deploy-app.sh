#!/usr/bin/env bash
# Deploys Gristmill's External Client App (infra/salesforce/app) with the Salesforce CLI, its callback
# URL filled in from the stack's SalesforceCallbackUrl output: the committed metadata keeps the
# placeholders ${SALESFORCE_CALLBACK_URL} and ${GRISTMILL_CONTACT_EMAIL}.
#
# Usage: infra/salesforce/deploy-app.sh <target-org> <stack-name> <contact-email> [sf deploy options, e.g. --dry-run]
# Deploy infra/salesforce/org to the same org first: the app's policy names its permission set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ $# -lt 3 ]; then
  echo "Usage: $0 <target-org> <stack-name> <contact-email> [sf project deploy start options]" >&2
  exit 2
fi
target_org=$1 stack=$2 contact=$3
shift 3
[[ $contact =~ ^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$ ]] || { echo "Not an e-mail address: $contact" >&2; exit 2; }
for tool in aws sf; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required (AWS CLI; Salesforce CLI: npm install -g @salesforce/cli)" >&2; exit 1; }
done

callback=$(aws cloudformation describe-stacks --stack-name "$stack" \
  --query "Stacks[0].Outputs[?OutputKey=='SalesforceCallbackUrl'].OutputValue" --output text)
if [[ ! $callback =~ ^https://[^[:space:]\|/]+/connect\.html$ ]]; then
  echo "Stack $stack gave no usable SalesforceCallbackUrl ('$callback'): deploy the stack first." >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/sfdx-project.json" "$here/app" "$work/"
find "$work/app" -name '*-meta.xml' -exec sed -i \
  -e "s|\${SALESFORCE_CALLBACK_URL}|$callback|g" -e "s|\${GRISTMILL_CONTACT_EMAIL}|$contact|g" {} +
# shellcheck disable=SC2016 # a literal ${ is what is looked for
if grep -rq '\${' "$work/app"; then
  echo "A placeholder was left unfilled in infra/salesforce/app" >&2
  exit 1
fi
echo "Deploying the External Client App to $target_org with callback $callback"
(cd "$work" && sf project deploy start --source-dir app --target-org "$target_org" "$@")
