"""Meetings worth the name: the invitation's calendar file, the minutes, the meeting's page."""
