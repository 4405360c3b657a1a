from wagtail import hooks

from .guard import register_log_action

# The history entry by which `build_demo_site` recognises the databases it built.
hooks.register("register_log_actions", register_log_action)
