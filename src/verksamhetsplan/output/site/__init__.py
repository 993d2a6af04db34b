"""The public website (`vp site`): its pages from the follow-ups (`pages`)."""
