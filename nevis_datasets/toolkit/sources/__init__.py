"""Source archives that several tasks read: their layout, parsed in one place."""
