"""The admin where team coordinators handle applications."""
