"""Protection of the admin's sign-in: a lockout after repeated failed passwords (django-axes) and
a second factor (TOTP from an authenticator app, or a one-time backup code; django-otp) that
every admin user must confirm in each session before reaching any admin page."""
