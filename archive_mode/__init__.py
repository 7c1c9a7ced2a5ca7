"""Archive mode: the programme has closed, and every page says so (README, "Keeping the
portal after the programme")."""
