#!/usr/bin/env bash
# A dropped SSH connection loses nothing, over real SSH.
#
# Starts a private sshd on 127.0.0.1 (a free port, throwaway host and user
# keys in a temporary folder; the machine's own ssh setup is not touched),
# runs carepath through `ssh -tt` inside tmux, makes an unsaved edit, kills
# the ssh client to drop the connection, then checks that:
#   - the recovery journal was written, private to the user (mode 600);
#   - the pathway file is unchanged and still loads;
#   - the next start over ssh offers the edits back, restores and saves them.
#
# Needs openssh-server and tmux. Run from anywhere:  bash tests/ssh_hangup.sh
# (CAREPATH_BIN may name a built binary; otherwise it is built here.)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
sshd=$(command -v sshd || true)
[ -z "$sshd" ] && [ -x /usr/sbin/sshd ] && sshd=/usr/sbin/sshd
missing=()
[ -z "$sshd" ] && missing+=(sshd)
for tool in ssh ssh-keygen tmux; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "ssh_hangup: missing ${missing[*]}: install openssh-server, openssh-client and tmux" >&2
  exit 2
fi

if [ -n "${CAREPATH_BIN:-}" ]; then
  bin=$(cd "$(dirname "$CAREPATH_BIN")" && pwd)/$(basename "$CAREPATH_BIN")
else
  # A fresh clone builds for some minutes: say so, and let cargo show its
  # progress, rather than sit silent.
  echo "ssh_hangup: building carepath (cargo build; the first build of a fresh clone takes some minutes)..."
  (cd "$repo" && cargo build) || { echo "FAIL: cargo build failed" >&2; exit 1; }
  bin="$repo/target/debug/carepath"
fi

work=$(mktemp -d)
chmod 755 "$work"
socket="carepath-ssh-$$"
sshd_pid=""
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  # A carepath whose connection just closed may still be writing its
  # journal into the temporary folder: let it finish before removing it.
  local pids=()
  for _ in $(seq 50); do
    mapfile -t pids < <(pgrep -f -- "$work/library" || true)
    [ ${#pids[@]} -eq 0 ] && break
    sleep 0.1
  done
  if [ ${#pids[@]} -gt 0 ]; then kill "${pids[@]}" 2>/dev/null || true; sleep 0.2; fi
  if [ -n "$sshd_pid" ]; then kill "$sshd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  trap - ERR
  echo "FAIL: $*" >&2
  echo "--- last screen ---" >&2
  tmux -L "$socket" capture-pane -p -t t >&2 2>/dev/null || true
  if [ -f "$work/sshd.log" ]; then
    echo "--- sshd log ---" >&2
    tail -20 "$work/sshd.log" >&2
  fi
  exit 1
}
# Any other command that fails ends the test with a FAIL line too.
trap 'fail "a command failed (line $LINENO)"' ERR

# --- a private sshd -------------------------------------------------------
echo "ssh_hangup: starting a private sshd on 127.0.0.1"
ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/user_key"
cp "$work/user_key.pub" "$work/authorized_keys"
chmod 600 "$work/authorized_keys"
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null && return
  # Without python3: a port on which nothing answers.
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

# --- a library, and carepath over ssh -------------------------------------
echo "ssh_hangup: starting carepath over ssh in tmux"
lib="$work/library"
mkdir -p "$lib" "$work/config" "$work/state"
file="$lib/discharge-to-care-home.yaml"
cp "$repo/pathways/discharge-to-care-home.yaml" "$file"
before=$(sha256sum "$file" | cut -d' ' -f1)

ssh_command() {
  printf '%q ' ssh -tt -i "$work/user_key" -p "$port" \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o BatchMode=yes -o LogLevel=ERROR 127.0.0.1 \
    env TERM=xterm-256color CAREPATH_CONFIG_DIR="$work/config" \
    CAREPATH_STATE_DIR="$work/state" CAREPATH_TODAY=2026-11-24 "$bin" "$lib"
}

screen() { tmux -L "$socket" capture-pane -p -t t 2>/dev/null || true; }

wait_for() {
  local text=$1 limit=${2:-10}
  local deadline=$((SECONDS + limit))
  until screen | grep -qF -- "$text"; do
    [ $SECONDS -ge $deadline ] && fail "the screen never showed: $text"
    sleep 0.1
  done
}

keys() { tmux -L "$socket" send-keys -t t "$@"; sleep 0.15; }

carepath_running() { pgrep -f -- "$bin $lib" >/dev/null; }

start() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  tmux -L "$socket" new-session -d -s t -x 100 -y 32 "$(ssh_command)"
  wait_for "Discharge from hospita" 20
}

# --- an unsaved edit, then the connection drops ---------------------------
echo "ssh_hangup: making an unsaved edit, then dropping the connection"
start
keys Enter
keys i
wait_for "Edit the pathway"
keys Enter
keys C-u
keys -l "Discharge to care homes"
keys Enter
keys Escape
wait_for "● unsaved"

client=$(tmux -L "$socket" display -p -t t '#{pane_pid}')
kill -9 "$client"
deadline=$((SECONDS + 10))
while carepath_running; do
  [ $SECONDS -ge $deadline ] && fail "carepath still runs 10 s after the connection dropped"
  sleep 0.1
done

journals=("$work"/state/*.journal.yaml)
[ ${#journals[@]} -eq 1 ] && [ -f "${journals[0]}" ] || fail "expected one recovery journal, found: $(ls "$work/state")"
mode=$(stat -c %a "${journals[0]}")
[ "$mode" = 600 ] || fail "the journal is mode $mode, not 600"
grep -qF "Discharge to care homes" "${journals[0]}" || fail "the journal does not hold the edit"
[ "$(sha256sum "$file" | cut -d' ' -f1)" = "$before" ] || fail "the pathway file changed without a save"
"$bin" check "$file" >/dev/null || fail "the pathway file no longer loads"
echo "ok: the dropped connection left a private journal ($mode) and the file unchanged"

# --- the next start offers the edits back ---------------------------------
echo "ssh_hangup: starting again over ssh to get the edits back"
start
keys Enter
wait_for "Unsaved edits to this pathway were kept"
keys r
wait_for "Your kept edits are back"
keys C-s
wait_for "Saved"
keys q
deadline=$((SECONDS + 10))
while carepath_running; do
  [ $SECONDS -ge $deadline ] && fail "carepath did not quit"
  sleep 0.1
done
# The ssh session ends with it: its pane, the only one, closes.
while tmux -L "$socket" has-session -t t 2>/dev/null; do
  [ $SECONDS -ge $deadline ] && fail "the ssh session did not end after carepath quit"
  sleep 0.1
done
grep -qF "title: Discharge to care homes" "$file" || fail "the restored edit was not saved"
"$bin" check "$file" >/dev/null || fail "the saved file does not load"
ls "$work"/state/*.journal.yaml >/dev/null 2>&1 && fail "the journal is still there after the save"
echo "PASS: over real SSH, a dropped connection lost nothing and the edits came back"
