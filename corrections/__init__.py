"""Corrections from readers: every record page links to a form to suggest one; editors accept
or decline it in the admin. Nothing a reader sends is ever shown on the public site."""
