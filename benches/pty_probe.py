#!/usr/bin/env python3
"""Drives carepath in a pseudo-terminal for benches/perf-report.sh.

    pty_probe.py BINARY LIBRARY COLS ROWS COUNT

Prints, one `name value` a line: the time to the first frame (the list's
column heading shown), to the first rows (the selection marker shown), the time until the whole library is listed (the
header counts COUNT pathways), bytes written per selection move, bytes written
in three idle seconds, the processor time used until the whole library
was listed (all threads), and the peak memory (VmHWM) once loaded.
Everything stops by itself: each wait gives up after a deadline.
"""
import os, pty, re, select, signal, struct, sys, time, fcntl, termios, tempfile

binary, library, cols, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
count = sys.argv[5]
state = tempfile.mkdtemp(prefix="carepath-probe-")
env = dict(os.environ, TERM="xterm-256color", CAREPATH_CONFIG_DIR=state,
           CAREPATH_STATE_DIR=os.environ.get("PROBE_STATE_DIR", os.path.join(state, "state")),
           CAREPATH_TODAY="2026-11-24")
for k in ("NO_COLOR", "COLORTERM", "VISUAL"):
    env.pop(k, None)

start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.execve(binary, [binary, library], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
out = bytearray()

def pump(timeout):
    r, _, _ = select.select([fd], [], [], timeout)
    if r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        out.extend(data)
        return True
    return False

class Screen:
    """Just enough of a terminal to read the screen: cursor moves and text
    (ratatui writes only the changed cells, so the byte stream alone does
    not hold whole lines)."""

    def __init__(self, cols, rows):
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.seen = 0

    def feed(self, data):
        text = bytes(data).decode("utf-8", "replace")
        i = 0
        while i < len(text):
            c = text[i]
            if c == "\x1b" and i + 1 < len(text) and text[i + 1] == "[":
                j = i + 2
                while j < len(text) and not ("@" <= text[j] <= "~"):
                    j += 1
                if j < len(text) and text[j] == "H":
                    parts = (text[i + 2:j] or "1;1").split(";")
                    self.y = int(parts[0] or 1) - 1
                    self.x = int(parts[1] or 1) - 1 if len(parts) > 1 else 0
                elif j < len(text) and text[j] == "J":
                    self.grid = [[" "] * self.cols for _ in range(self.rows)]
                i = j + 1
            elif c == "\x1b":
                i += 2
            elif c in "\r\n":
                i += 1
            else:
                if 0 <= self.y < self.rows and 0 <= self.x < self.cols:
                    self.grid[self.y][self.x] = c
                self.x += 1
                i += 1

    def line(self, y):
        self.feed(out[self.seen:])
        self.seen = len(out)
        return "".join(self.grid[y])

screen = Screen(cols, rows)

def wait_for(pred, deadline):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if pred():
            return True
        pump(0.005)
    return pred()

def settle(quiet, deadline=20):
    end = time.monotonic() + deadline
    last = time.monotonic()
    while time.monotonic() < end:
        if pump(0.01):
            last = time.monotonic()
        elif time.monotonic() - last >= quiet:
            return

ok = wait_for(lambda: b"Review due" in out, 30)
first = time.monotonic() - start
print(f"first_frame_ms {first*1000:.1f}" if ok else "first_frame_ms timeout")
# The selection marker: the first rows of the list are on screen.
ok = wait_for(lambda: "\u25b6" in "".join(screen.line(y) for y in range(rows)), 60)
first = time.monotonic() - start
print(f"first_rows_ms {first*1000:.1f}" if ok else "first_rows_ms timeout")
# The header counts the pathways read so far; the whole library is in
# when it counts them all.
def whole():
    header = screen.line(0)
    return "· " + count + " pathways" in header and "loading" not in header
ok = wait_for(whole, 120)
whole = time.monotonic() - start
print(f"whole_library_ms {whole*1000:.1f}" if ok else "whole_library_ms timeout")
try:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])
        print(f"cpu_s_until_whole {ticks / os.sysconf('SC_CLK_TCK'):.2f}")
except OSError:
    pass
settle(0.5)
try:
    with open(f"/proc/{pid}/status") as f:
        hwm = re.search(r"VmHWM:\s+(\d+)", f.read())
        print(f"peak_memory_mib {int(hwm.group(1))/1024:.1f}")
except OSError:
    pass
moves = []
for key in "jjjkjj":
    before = len(out)
    os.write(fd, key.encode())
    settle(0.25)
    moves.append(len(out) - before)
print(f"bytes_per_move_max {max(moves)}")
print(f"bytes_per_move_mean {sum(moves)/len(moves):.0f}")
before = len(out)
end = time.monotonic() + 3
while time.monotonic() < end:
    pump(0.05)
print(f"idle_bytes_3s {len(out) - before}")
os.write(fd, b"q")
end = time.monotonic() + 5
while time.monotonic() < end:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        break
    if done:
        break
    pump(0.05)
else:
    os.kill(pid, signal.SIGKILL)
