"""Names that `vulture --min-confidence 60 src vulture_whitelist.py` reports as unused but
that are used by a framework, a library or a template; each line says which. Anything else
it reports is dead code (tests/test_dead_code.py)."""

# ruff: noqa
# Typer: the functions `@command` registers (cli/app.py COMMANDS) and the global options.
check_command  # `esslex check`
annotate_command  # `esslex annotate`
history_command  # `esslex history`
favourites_command  # `esslex favourites`
completion_command  # `esslex completion`
exercises_command  # `esslex exercises`
kit_command  # `esslex kit`
export_command  # `esslex export`
quiz_command  # `esslex quiz`
define_command  # `esslex define`
search_command  # `esslex search`
list_command  # `esslex list`
themes_command  # `esslex themes`
related_command  # `esslex related`
glossaries_command  # `esslex glossaries`
new_command  # `esslex new`
add_command  # `esslex add`
import_command  # `esslex import`
main_options  # `@app.callback()`: the options before the command name
# Click: hooks of a command or group that Click calls.
list_commands  # click.Group hook: the lazy group's command names
format_usage  # click.Command hook: the usage line in French
_.help  # click.Option attribute: the help option's text, in French
subcommand_metavar  # click.Group attribute: "COMMANDE [ARGS]..." in the usage line
# Python: a module's __getattr__ (PEP 562) serves `from esslex import Glossary`.
__getattr__
# python-docx: properties set on its objects lay out the document.
_.page_height
_.page_width
_.top_margin
_.bottom_margin
_.space_before
_.space_after
_.rgb
_.bold
_.left_indent
_.first_line_indent
_.keep_together
_.widow_control
_.page_break_before
_.revision
_.modified
# Jinja templates (src/esslex/exporters/templates/) read these.
data_uri  # cover.html.j2, site.html.j2: the logo
entry_themes  # site.html.j2: each entry's themes, for the theme filter
# text/fingerprint.py: tested API for comparing a passage with the texts an entry was
# written from (tests/text/test_fingerprint.py).
shared_runs
# Dead, used by tests only: glossary/'s rework removes them (then remove these lines).
load_default
rights_groups
# A source's fields are read by name in its serialisation (glossary/serialize.py loops over
# Source._fields), never one by one.
amended_by
# learner/scheduling.py: FSRS's four grades, each named though the code compares with three.
EASY
# learner/store.py: the interface the full-screen browser calls (esslex browse).
record_lookup
queue_for_review
# Textual: the app, its screens and widgets are driven by the framework, which reads these
# class attributes and calls these hooks (compose, on_mount, on_*, action_*, check_action,
# discover, @on handlers) and attributes (border_title, display) by name.
browse_command  # `esslex browse`
BINDINGS
TITLE
CSS_PATH
ENABLE_COMMAND_PALETTE
border_title
display
check_action
compose
on_mount
on_input_submitted
discover
action_follow
action_open
action_to_results
action_search_field
action_go_back
action_go_forward
action_command_palette
action_cancel
action_answer
query_changed
selector_changed
result_highlighted
result_chosen
query_submitted
link_followed
source_opened
# Typer: the choices of `export --tbx-version`, read from the enum by name.
v2008
# Jinja: the methods of a bytecode cache (exporters/html.py), called by the template loader.
load_bytecode
dump_bytecode
