# Shared by .ci/install-*.sh: install Debian packages for an optional test tool without ever
# failing CI. Usage: apt_install LABEL "CMD1 CMD2" PKG [ALTERNATIVE_PKG ...] — skips when one of
# the commands exists; tries the packages in order; says why when the tool's tests will skip.
apt_install() {
  local label="$1" cmds="$2"; shift 2
  local c
  for c in $cmds; do
    command -v "$c" >/dev/null 2>&1 && return 0
  done
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-$label: no apt-get here; its tests will skip" >&2; return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
    else echo "install-$label: not root; its tests will skip" >&2; return 0; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! timeout 600 $sudo apt-get update -qq >/dev/null 2>&1; then
    echo "install-$label: apt-get update failed; its tests will skip" >&2; return 0
  fi
  local pkg
  for pkg in "$@"; do
    timeout 1200 $sudo apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 && return 0
  done
  echo "install-$label: could not install $*; its tests will skip" >&2
  return 0
}
