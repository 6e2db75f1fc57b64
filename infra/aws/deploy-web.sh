#!/usr/bin/env bash
# After `sam deploy`: uploads the built web app (target/web, made by ./mvnw -B package) to the
# stack's bucket, writes its runtime config.json from the stack's outputs (issuer, client id,
# which token to send, API URL), and asks CloudFront to drop the cached entry points.
#   index.html and config.json: no-cache / no-store; app.js and app.css: 5 minutes.
# Usage: infra/aws/deploy-web.sh <stack-name> [web-dir]
# Uses the AWS CLI's usual credentials, region and AWS_ENDPOINT_URL.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then echo "Usage: $0 <stack-name> [web-dir]" >&2; exit 2; fi
stack=$1
web=${2:-target/web}
command -v aws >/dev/null 2>&1 || { echo "aws is required" >&2; exit 1; }
if [ ! -f "$web/index.html" ] || [ ! -f "$web/app.js" ]; then echo "$web has no built app: run ./mvnw -B package first" >&2; exit 1; fi

output() { # key
  aws cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
parameter() { # key
  aws cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].Parameters[?ParameterKey=='$1'].ParameterValue" --output text
}
bucket=$(output WebBucketName)
distribution=$(output WebDistributionId)
issuer=$(output WebIssuer)
client_id=$(output WebClientId)
token_use=$(output WebTokenUse)
api_url=$(parameter PublicApiUrl)
if [ -z "$api_url" ] || [ "$api_url" = "None" ]; then api_url=$(output ApiUrl); fi
for value in bucket distribution issuer client_id token_use api_url; do
  if [ -z "${!value}" ] || [ "${!value}" = "None" ]; then
    echo "Stack $stack has no $value in its outputs (WebClientId needs the WebClientId parameter with a JwtIssuer)" >&2
    exit 1
  fi
done

# JSON strings: the values come from our own stack outputs, which hold no quotes or backslashes.
config=$(printf '{"issuer":"%s","clientId":"%s","tokenUse":"%s","apiUrl":"%s"}' "$issuer" "$client_id" "$token_use" "${api_url%/}")
aws s3 sync "$web" "s3://$bucket/" --delete --exclude config.json --exclude '*.html' --cache-control "public, max-age=300" --only-show-errors
# The pages (index.html, and connect.html where Salesforce and Front send the admin back) revalidate on every visit.
for page in index.html connect.html; do
  aws s3 cp "$web/$page" "s3://$bucket/$page" --cache-control "no-cache" --content-type "text/html; charset=utf-8" --only-show-errors
done
printf '%s' "$config" | aws s3 cp - "s3://$bucket/config.json" --cache-control "no-store" --content-type "application/json" --only-show-errors
invalidation=$(aws cloudfront create-invalidation --distribution-id "$distribution" --paths /index.html /connect.html /config.json /app.js /app.css \
  --query Invalidation.Id --output text)
echo "Uploaded $web to s3://$bucket with config.json $config"
echo "CloudFront invalidation $invalidation started; the app is at $(output WebUrl)"
