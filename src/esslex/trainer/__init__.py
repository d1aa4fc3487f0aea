"""The trainer's kit: questions, the quiz, worksheets."""
