"""How to open our maps in Debian's headless Chromium (tests and benchmarks share this)."""

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium reaches out at start-up, which a closed network refuses.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
