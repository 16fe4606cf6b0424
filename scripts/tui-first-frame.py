# Runs a command in an 80x24 pseudo-terminal, answers the cursor-position
# query ratatui sends, reports when the first full frame (the footer's "quit")
# has arrived, then presses q.
# Usage: python3 scripts/tui-first-frame.py target/release/briefing --today 2026-11-24
import fcntl, os, select, struct, sys, termios, time

master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
start = time.monotonic()
pid = os.fork()
if pid == 0:
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    os.close(master)
    os.execvp(sys.argv[1], sys.argv[1:])
os.close(slave)
out = b""
first = None
while True:
    ready, _, _ = select.select([master], [], [], 10)
    if not ready:
        break
    try:
        data = os.read(master, 65536)
    except OSError:
        break
    if not data:
        break
    out += data
    if b"\x1b[6n" in data:
        os.write(master, b"\x1b[1;1R")
    if first is None and b"quit" in out:
        first = time.monotonic() - start
        os.write(master, b"q")
os.waitpid(pid, 0)
print(f"first frame {first * 1000:.1f} ms after spawn" if first else "no frame")
