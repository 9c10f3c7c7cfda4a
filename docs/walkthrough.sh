#!/usr/bin/env bash
# From an empty Recert to a certified notebook sold: organisations, people and keys, a programme and a partner
# licence, a takeback, every lifecycle event up to SELL, the sanitization certificate (JSON and PDF), its public
# verify URL and the unit's audit chain. Each step prints one line; any unexpected HTTP status stops the script.
#
#   BASE_URL=http://127.0.0.1:3000 RECERT_ADMIN_KEY=rct_… docs/walkthrough.sh
#
# Needs bash, curl and jq. Safe to run again on the same service: every run makes its own organisations and unit.
# OUT_DIR (default: a new temporary folder) receives the certificate PDF.
set -euo pipefail

BASE_URL=${BASE_URL:-http://127.0.0.1:3000}
BASE_URL=${BASE_URL%/}
: "${RECERT_ADMIN_KEY:?set RECERT_ADMIN_KEY to the service administrator key (README, "A first walk-through")}"
OUT_DIR=${OUT_DIR:-$(mktemp -d)}
RUN=$(date -u +%Y%m%d%H%M%S)-$RANDOM
for tool in curl jq; do command -v "$tool" >/dev/null || { echo "walkthrough: $tool is required" >&2; exit 2; }; done

BODY=$(mktemp)
trap 'rm -f "$BODY"' EXIT

step() { printf '%-58s' "$1" >&2; }
ok() { printf ' %s\n' "${1:-ok}" >&2; }

# api METHOD PATH KEY EXPECTED_STATUS [JSON_BODY] — prints the response body; any other status stops the script.
api() {
  local method=$1 path=$2 key=$3 expected=$4 data=${5:-}
  local args=(-sS -o "$BODY" -w '%{http_code}' -X "$method" -H 'accept: application/json')
  [[ -n $key ]] && args+=(-H "authorization: Bearer $key")
  [[ -n $data ]] && args+=(-H 'content-type: application/json' --data-binary "$data")
  local status
  status=$(curl "${args[@]}" "$BASE_URL$path")
  if [[ $status != "$expected" ]]; then
    printf '\n%s %s answered %s (expected %s):\n' "$method" "$path" "$status" "$expected" >&2
    cat "$BODY" >&2
    echo >&2
    exit 1
  fi
  cat "$BODY"
}

# new_key ORGANISATION_ID ROLE EMAIL NAME — a user with one role, and an API key for them (shown once).
new_key() {
  local user
  user=$(api POST /users "$RECERT_ADMIN_KEY" 201 "$(jq -nc --arg o "$1" --arg r "$2" --arg e "$3" --arg n "$4" \
    '{organisationId: $o, role: $r, email: $e, name: $n}')" | jq -r .id)
  api POST "/users/$user/api-keys" "$RECERT_ADMIN_KEY" 201 "$(jq -nc --arg n "walkthrough $RUN" '{name: $n}')" | jq -r .key
}

step "service ready at $BASE_URL"
api GET /health/ready '' 200 >/dev/null
ok

step 'OEM (brand Lenovo) and its programme manager'
OEM=$(api POST /organisations "$RECERT_ADMIN_KEY" 201 \
  "$(jq -nc --arg n "Lenovo $RUN" '{name: $n, kind: "oem", brands: ["Lenovo"]}')" | jq -r .id)
MANAGER_KEY=$(new_key "$OEM" programme_manager "pm-$RUN@lenovo.example" 'Pat Manager')
ok "$OEM"

step 'programme: certified refurbished notebooks, FR and DE'
PROGRAMME=$(api POST /programmes "$MANAGER_KEY" 201 "$(jq -nc '{
  code: "certified-refurbished", name: "Certified Refurbished", brands: ["lenovo"], deviceClasses: ["notebook"],
  sanitization: {resale: "purge", returnToOwner: "clear"}, testSuites: {notebook: "notebook-standard@1"},
  rubric: "notebook-cosmetic@1", certifiableGrades: ["A", "B", "C"], osLicenceRequired: false,
  markets: [{market: "FR", warrantyMonths: 12, extendableToMonths: 36, doaDays: 30},
            {market: "DE", warrantyMonths: 12, extendableToMonths: 24, doaDays: 14}]}')" | jq -r .id)
ok "$PROGRAMME"

step 'partner refurbishment centre: admin and technician'
PARTNER=$(api POST /organisations "$RECERT_ADMIN_KEY" 201 \
  "$(jq -nc --arg n "Contoso Refurb $RUN" '{name: $n, kind: "partner"}')" | jq -r .id)
ADMIN_KEY=$(new_key "$PARTNER" admin "ana-$RUN@contoso.example" 'Ana Silva')
TECH_KEY=$(new_key "$PARTNER" technician "bo-$RUN@contoso.example" 'Bo Berg')
ok "$PARTNER"

step 'licence: Lenovo notebooks in DE, refurbish and sell'
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
NEXT_YEAR=$(date -u -d '+365 days' +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v+365d +%Y-%m-%dT%H:%M:%SZ)
LICENCE=$(api POST /licences "$MANAGER_KEY" 201 "$(jq -nc --arg p "$PARTNER" --arg from "$NOW" --arg to "$NEXT_YEAR" '{
  partnerOrganisationId: $p, programme: "certified-refurbished", status: "active", validFrom: $from, validTo: $to,
  scope: {brands: ["Lenovo"], deviceClasses: ["notebook"], markets: ["DE"]},
  capabilities: ["RECEIVE", "SANITIZE", "TEST", "REPAIR", "GRADE", "CERTIFY", "SELL_UNDER_BRAND", "PROVIDE_WARRANTY"],
  quotas: [{capability: "CERTIFY", perMonth: 500}], survivesTermination: ["PROVIDE_WARRANTY"]}')" | jq -r .id)
ok "$LICENCE"

step 'customer, served by the partner'
CUSTOMER=$(api POST /organisations "$RECERT_ADMIN_KEY" 201 \
  "$(jq -nc --arg n "Fabrikam $RUN" '{name: $n, kind: "customer"}')" | jq -r .id)
api PUT "/organisations/$PARTNER/customers/$CUSTOMER" "$RECERT_ADMIN_KEY" 204 >/dev/null
ok "$CUSTOMER"

SERIAL="PF$(printf '%s' "$RUN" | tr -dc '0-9' | tail -c 12)"
step "takeback of one ThinkPad ($SERIAL)"
TAKEBACK=$(api POST /takebacks "$ADMIN_KEY" 201 "$(jq -nc --arg c "$CUSTOMER" --arg s "$SERIAL" '{
  customerOrganisationId: $c, site: "Dock 1", market: "DE",
  devices: [{brand: "Lenovo", serial: $s, model: "ThinkPad T14 Gen 3", deviceClass: "notebook",
             media: [{serial: "M1", type: "nvme", interface: "nvme", capacityGb: 512}]}]}')" | jq -r .id)
DEVICE=$(api GET "/devices?serial=$SERIAL" "$ADMIN_KEY" 200 | jq -r '.items[0].id')
ok "$TAKEBACK, unit $DEVICE"

# event KEY JSON — sends one event to the unit and prints the state it reached; its answer stays in ANSWER.
ANSWER=
event() {
  local type
  type=$(jq -r .type <<<"$2")
  step "  $type"
  ANSWER=$(api POST "/devices/$DEVICE/events" "$1" 200 "$2")
  ok "→ $(jq -r .state <<<"$ANSWER")"
}

echo 'lifecycle events:' >&2
event "$ADMIN_KEY" '{"type":"RECEIVE","site":"Dock 1","sealIntact":true}'
event "$TECH_KEY" '{"type":"LOCK_CHECK","locks":[{"kind":"bios_password","status":"clear"}]}'
event "$TECH_KEY" '{"type":"SANITIZE","mediumSerial":"M1","level":"purge","method":"nvme_sanitize_crypto_erase",
  "tool":{"name":"WipeStation","version":"4.2.1"},"verification":"full","result":"pass",
  "performedBy":{"name":"Bo Berg","title":"Sanitization technician","organisation":"Contoso Refurb","location":"Bay 3"},
  "dataBackedUp":"no","destination":"external_reuse"}'
# Validation must come from another person than the one who sanitized.
event "$ADMIN_KEY" '{"type":"VALIDATE_SANITIZATION","mediumSerial":"M1","method":"full",
  "tool":{"name":"VerifyPro","version":"2.0"},"validatedBy":{"name":"Ana Silva","title":"QA lead"}}'
event "$TECH_KEY" "$(jq -nc '{type: "TEST_RESULT", measurements: (
  [{check: "battery_health_percent", value: 92}, {check: "storage_reallocated_sectors", value: 0},
   {check: "storage_pending_sectors", value: 0}] +
  (["bios", "memory", "ports", "display", "keyboard", "touchpad", "wifi", "audio"] | map({check: ., value: true}))),
  osLicence: {product: "Windows 11 Pro", kind: "digital", reference: "DPK-1234"}}')"
event "$TECH_KEY" '{"type":"GRADE","defects":[{"code":"scratch","zone":"lid","severity":2,"photos":["photo://lid-1.jpg"]}]}'
event "$ADMIN_KEY" "$(jq -nc --arg p "$PROGRAMME" '{type: "CERTIFY", programmeId: $p}')"
event "$ADMIN_KEY" '{"type":"LIST","channel":"web","market":"DE","price":499,"currency":"EUR"}'
event "$ADMIN_KEY" '{"type":"SELL","orderReference":"SO-1","buyer":"Käufer GmbH","market":"DE","warrantyMonths":24}'

step 'sold, with the warranty of the programme in DE'
WARRANTY=$(jq -r '.evidence.warranty | "\(.months) months until \(.endsAt)"' <<<"$ANSWER")
STATE=$(api GET "/devices/$DEVICE" "$ADMIN_KEY" 200 | jq -r '.lifecycle.state')
[[ $STATE == sold* ]] || { echo " unexpected state $STATE" >&2; exit 1; }
ok "$WARRANTY"

step 'sanitization certificate (JSON)'
CERTIFICATE=$(api GET "/devices/$DEVICE/certificates/sanitization" "$ADMIN_KEY" 200)
CERTIFICATE_ID=$(jq -r '.[0].certificateId' <<<"$CERTIFICATE")
VERIFY_URL=$(jq -r '.[0].verifyUrl' <<<"$CERTIFICATE")
[[ $(jq -r '.[0].outcome' <<<"$CERTIFICATE") == sanitized ]] || { echo ' not sanitized' >&2; exit 1; }
ok "$CERTIFICATE_ID"

step 'sanitization certificate (PDF)'
PDF="$OUT_DIR/sanitization-$CERTIFICATE_ID.pdf"
status=$(curl -sS -o "$PDF" -w '%{http_code}' -H 'accept: application/pdf' -H "authorization: Bearer $ADMIN_KEY" \
  "$BASE_URL/devices/$DEVICE/certificates/sanitization")
[[ $status == 200 && $(head -c 5 "$PDF") == '%PDF-' ]] || { echo " $status, not a PDF" >&2; exit 1; }
ok "$PDF ($(wc -c <"$PDF") bytes)"

# The QR code of the PDF points to the verify URL: public, no key. It is built from RECERT_PUBLIC_URL, so it is
# checked on this service by its path.
step 'public verify URL of the certificate'
VERIFY_PATH="/${VERIFY_URL#*://*/}"
[[ $VERIFY_PATH == "/verify/$CERTIFICATE_ID" ]] || { echo " unexpected verify URL $VERIFY_URL" >&2; exit 1; }
MATCHES=$(api GET "$VERIFY_PATH" '' 200 | jq -r '"\(.exists) \(.matchesAuditChain) \(.outcome)"')
[[ $MATCHES == 'true true sanitized' ]] || { echo " exists/matches/outcome: $MATCHES" >&2; exit 1; }
ok "$VERIFY_URL matches the audit chain"

step "the unit's audit chain"
VERIFIED=$(api GET "/devices/$DEVICE/history/verify" "$ADMIN_KEY" 200)
[[ $(jq -r .ok <<<"$VERIFIED") == true ]] || { echo " $VERIFIED" >&2; exit 1; }
ok "ok, $(jq -r .events <<<"$VERIFIED") events"

echo "walkthrough: unit $DEVICE certified and sold; certificate $CERTIFICATE_ID verified" >&2
