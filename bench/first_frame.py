#!/usr/bin/env python3
"""Launch to first complete frame of the navigator in an 80x24 pty, and peak RSS.

Usage: first_frame.py RUNS BIN ARGS...   (ARGS include --first-frame or --ready-frame)

Spawns BIN in a fresh pseudo-terminal RUNS times (after two warm-ups),
times each from fork to reading ESC[?1049l (leaving the alternate screen,
the last thing the navigator writes), and prints one line:
"<median ms> <p90 ms> <peak RSS MB>". The RSS is the largest ru_maxrss of
the runs (wait4), so no /usr/bin/time sits between the pty and the program.
Python's pty avoids script(1)'s fixed start-up cost.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

END = b"\x1b[?1049l"


def one(argv):
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("NO_COLOR", None)
        os.execv(argv[0], argv)
    seen = b""
    took = None
    deadline = started + 120
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if END in seen[-len(chunk) - len(END):]:
            took = time.perf_counter() - started
            break
    # Drain until the child exits, so it never blocks on a full pty.
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    if took is None or status != 0:
        sys.exit(f"first_frame.py: {argv} gave no complete frame (status {status})")
    return took, usage.ru_maxrss


def main():
    runs = int(sys.argv[1])
    argv = sys.argv[2:]
    for _ in range(2):
        one(argv)
    results = [one(argv) for _ in range(runs)]
    times = sorted(t for t, _ in results)
    rss = max(r for _, r in results)
    print(
        f"{times[len(times) // 2] * 1e3:.1f} {times[(len(times) - 1) * 9 // 10] * 1e3:.1f} {rss / 1024:.1f}"
    )


if __name__ == "__main__":
    main()
