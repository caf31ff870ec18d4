"""The tool's progress bar: drawn on stderr when stderr is a terminal (here a
pseudo-terminal), absent when it is not (a pipe), stdout the same either way.
Usage: tool_progress.py TOOL"""
import os
import pty
import subprocess
import sys
import tempfile

tool = sys.argv[1]
command = [tool, "generate", "--matters", "100000", "--seed", "5"]

# stderr a pipe: no bar, nothing at all on stderr.
piped = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
assert piped.stderr == b"", piped.stderr[:200]

# stderr a terminal: a bar per phase, erased when the phase ends. stdout goes to
# a file, so that the child never waits on a pipe while the terminal is read.
master, slave = pty.openpty()
out = tempfile.TemporaryFile()
process = subprocess.Popen(command, stdout=out, stderr=slave)
os.close(slave)
drawn = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the last writer closed the terminal
        break
    if not chunk:
        break
    drawn += chunk
assert process.wait() == 0
os.close(master)
out.seek(0)
stdout = out.read()
text = drawn.decode("utf-8", "replace")
for phase in ("matters", "bundles", "check"):
    assert phase in text, text[:400]
assert "100%" in text and "[" in text, text[:400]
assert stdout == piped.stdout, "the bar changed the command's output"
print(f"bar drawn on a terminal ({len(drawn)} bytes), none on a pipe; output identical ({len(stdout)} bytes)")
