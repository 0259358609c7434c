#!/usr/bin/env bash
# setup-chromium.sh: Debian's Chromium for the Playwright `browser` project (CI runs it; developers may).
#
#   sudo scripts/setup-chromium.sh
#
# Playwright uses executablePath /usr/bin/chromium. We never run `npx playwright install`: its downloads
# are not reachable from CI, and the distribution browser gets security updates through apt.
# Fonts: Chromium's dependencies do not guarantee a font, and a headless page without one renders
# screenshots with blank or box glyphs. DejaVu (small) and Liberation (Arial/Times metrics) are enough.
# Idempotent: installs only what is missing, then proves the browser starts headless.
#   REVOPS_APT_UPDATED=1   the caller already ran apt-get update (skips ours)
set -Eeuo pipefail
trap 'printf "[setup-chromium] ERROR: failed (exit %s) at line %s: %s\n" "$?" "$LINENO" "$BASH_COMMAND" >&2' ERR

CHROMIUM=/usr/bin/chromium
PACKAGES=(chromium fonts-dejavu-core fonts-liberation)

log() { printf '[setup-chromium] %s\n' "$*"; }
die() { printf '[setup-chromium] ERROR: %s\n' "$*" >&2; exit 1; }

missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)"
  [ "${status:0:2}" = ii ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "needs root to install ${missing[*]}: sudo $0"
  if [ "${REVOPS_APT_UPDATED:-0}" != 1 ]; then
    log "apt-get update"
    apt-get update -qq
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x "$CHROMIUM" ] || die "$CHROMIUM missing after installing chromium"
log "$("$CHROMIUM" --version 2>/dev/null)"

# Smoke test: a headless start that renders a page. --no-sandbox because CI runs as root, where
# Chromium refuses its sandbox (Playwright passes the same flag by default).
profile="$(mktemp -d /tmp/revops-chromium.XXXXXX)"
trap 'rm -rf "$profile"' EXIT
dom="$(timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" \
  --dump-dom 'data:text/html,<p>revops-ok</p>' 2>/dev/null)" ||
  die "$CHROMIUM did not start headless (exit $?); run it by hand to see why"
[[ "$dom" == *revops-ok* ]] || die "$CHROMIUM started but did not render a page"
log "headless start ok; $(find /usr/share/fonts -name '*.ttf' -o -name '*.otf' | wc -l) font files"
