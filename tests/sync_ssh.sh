#!/usr/bin/env bash
# Two places sync one library through a bare repository on a server, over
# real SSH.
#
# Starts a private sshd on 127.0.0.1 (a free port, throwaway host and user
# keys in a temporary folder; the machine's own ssh setup is not touched),
# puts a bare repository "on the server" (a folder the sshd serves), and
# checks that:
#   - `carepath init --git --remote ssh://…` copies the shared library;
#   - changes made in two places to different steps both reach both places;
#   - the same value changed in both is listed for the second to sync, who
#     exits 1 and sends nothing;
#   - no hook in the server's repository ran.
#
# Needs openssh-server and git. Run from anywhere:  bash tests/sync_ssh.sh
# (CAREPATH_BIN may name a built binary; otherwise it is built here.)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
sshd=$(command -v sshd || true)
[ -z "$sshd" ] && [ -x /usr/sbin/sshd ] && sshd=/usr/sbin/sshd
missing=()
[ -z "$sshd" ] && missing+=(sshd)
for tool in ssh ssh-keygen git; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "sync_ssh: missing ${missing[*]}: install openssh-server, openssh-client and git" >&2
  exit 2
fi

if [ -n "${CAREPATH_BIN:-}" ]; then
  bin=$(cd "$(dirname "$CAREPATH_BIN")" && pwd)/$(basename "$CAREPATH_BIN")
else
  (cd "$repo" && cargo build --quiet) || { echo "FAIL: cargo build failed" >&2; exit 1; }
  bin="$repo/target/debug/carepath"
fi

work=$(mktemp -d)
chmod 755 "$work"
sshd_pid=""
cleanup() {
  if [ -n "$sshd_pid" ]; then kill "$sshd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  trap - ERR
  echo "FAIL: $*" >&2
  if [ -f "$work/sshd.log" ]; then
    echo "--- sshd log ---" >&2
    tail -20 "$work/sshd.log" >&2
  fi
  exit 1
}
trap 'fail "a command failed (line $LINENO)"' ERR

# --- a private sshd -------------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/user_key"
cp "$work/user_key.pub" "$work/authorized_keys"
chmod 600 "$work/authorized_keys"
free_port() {
  local candidate
  for _ in $(seq 50); do
    candidate=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  return 1
}
port=$(free_port) || fail "no free port found"
cat >"$work/sshd_config" <<CONFIG
ListenAddress 127.0.0.1
Port $port
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
PermitUserEnvironment no
CONFIG
if [ "$(id -u)" = 0 ]; then mkdir -p /run/sshd; fi
"$sshd" -D -e -f "$work/sshd_config" 2>"$work/sshd.log" &
sshd_pid=$!
listening=no
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then listening=yes; break; fi
  sleep 0.1
done
[ "$listening" = yes ] || fail "sshd did not start on port $port"

# The user's own ssh settings (trusted, unlike a repository's config).
export GIT_SSH_COMMAND="ssh -i $work/user_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
export NO_COLOR=1

# --- the server's bare repository, with a hook a member left there --------
server="$work/srv/pathways.git"
mkdir -p "$server"
git init -q --bare -b main "$server"
printf '#!/bin/sh\n: > %q\n' "$work/hook-ran" >"$server/hooks/pre-receive"
chmod +x "$server/hooks/pre-receive"
url="ssh://127.0.0.1:$port$server"
file=discharge-to-care-home.yaml

lead="$work/lead"
mkdir -p "$lead"
cp "$repo/pathways/$file" "$lead/"
"$bin" init --git "$lead" --remote "$url" >/dev/null || fail "init of the lead's library"
"$bin" sync "$lead" >/dev/null || fail "first sync"
home="$work/home"
"$bin" init --git "$home" --remote "$url" >/dev/null || fail "init copying the shared library"
[ -f "$home/$file" ] || fail "the shared library was not copied"

# Different steps: both reach both places.
"$bin" set "$lead/$file" steps.plan-early.title "Plan on day one" >/dev/null
"$bin" set "$home/$file" steps.handover-call.owner oakview >/dev/null
for lib in "$lead" "$home" "$lead"; do
  "$bin" sync "$lib" >/dev/null || fail "sync of $lib"
done
for lib in "$lead" "$home"; do
  grep -q "title: Plan on day one" "$lib/$file" || fail "$lib lacks the lead's change"
  grep -q "owner: oakview" "$lib/$file" || fail "$lib lacks the home's change"
done

# The same value: the second to sync is told and sends nothing.
"$bin" set "$lead/$file" title "The lead's title" >/dev/null
"$bin" set "$home/$file" title "The home's title" >/dev/null
"$bin" sync "$lead" >/dev/null || fail "sync of the lead"
before=$(git --git-dir="$server" rev-parse main)
status=0
out=$("$bin" sync "$home" 2>&1) || status=$?
[ "$status" = 1 ] || fail "the second sync exited $status, not 1: $out"
case "$out" in *"title"*"The home's title"*"The lead's title"*) ;; *) fail "the conflict was not listed: $out" ;; esac
[ "$(git --git-dir="$server" rev-parse main)" = "$before" ] || fail "something was sent before deciding"
[ ! -e "$work/hook-ran" ] || fail "a hook in the server's repository ran"

echo "sync over ssh: ok"
