"""Dates: pre-charge bail periods, reminders and bank holidays."""
