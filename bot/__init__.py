"""roles-bot: answers questions about a company's open roles from its postings, with citations.

The answer engine (everything but ``bot.slack``) imports nothing from Slack and is usable from the CLI.
"""

import os as _os

# onnxruntime and Chroma must never phone home: set these before anything imports them.
_os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
_os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

__version__ = "0.1.0"
