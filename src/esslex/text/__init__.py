"""Text at the ground: folding, French typography, text blocks, line breaks."""
